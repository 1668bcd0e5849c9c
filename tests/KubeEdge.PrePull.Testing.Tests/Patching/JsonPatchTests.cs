using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Patching;
using KubeEdge.PrePull.Testing.Storage;

namespace KubeEdge.PrePull.Testing.Tests.Patching;

public sealed class JsonPatchTests
{
    [Theory]
    [InlineData("""[{"op":"add","path":"/b","value":2}]""", """{"a":{"x":[1,2]},"b":2}""")]
    [InlineData("""[{"op":"add","path":"/a/x/1","value":9}]""", """{"a":{"x":[1,9,2]}}""")]
    [InlineData("""[{"op":"add","path":"/a/x/-","value":3}]""", """{"a":{"x":[1,2,3]}}""")]
    [InlineData("""[{"op":"remove","path":"/a/x/0"}]""", """{"a":{"x":[2]}}""")]
    [InlineData("""[{"op":"replace","path":"/a","value":"z"}]""", """{"a":"z"}""")]
    [InlineData("""[{"op":"move","from":"/a/x","path":"/y"}]""", """{"a":{},"y":[1,2]}""")]
    [InlineData("""[{"op":"copy","from":"/a/x","path":"/y"}]""", """{"a":{"x":[1,2]},"y":[1,2]}""")]
    [InlineData("""[{"op":"test","path":"/a/x","value":[1,2]},{"op":"add","path":"/a~1b","value":1}]""", """{"a":{"x":[1,2]},"a/b":1}""")]
    public void Apply_Operation_GivesRfc6902Result(string patch, string expected)
    {
        var result = JsonPatch.Apply(JsonNode.Parse("""{"a":{"x":[1,2]}}""")!, JsonNode.Parse(patch));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), result.ToJsonString());
    }

    [Theory]
    [InlineData("""[{"op":"test","path":"/a/x","value":[2,1]}]""")]
    [InlineData("""[{"op":"remove","path":"/missing"}]""")]
    [InlineData("""[{"op":"replace","path":"/a/x/5","value":1}]""")]
    public void Apply_FailingOperation_Throws422(string patch)
    {
        var error = Assert.Throws<ApiException>(() => JsonPatch.Apply(JsonNode.Parse("""{"a":{"x":[1,2]}}""")!, JsonNode.Parse(patch)));

        Assert.Equal(422, error.Code);
    }

    [Fact]
    public void MergePatch_NullRemovesAndArraysReplace()
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse("""{"a":{"x":[1,2],"y":1},"b":1}"""), JsonNode.Parse("""{"a":{"x":[3],"y":null},"c":2}"""));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":{"x":[3]},"b":1,"c":2}"""), result), result!.ToJsonString());
    }
}

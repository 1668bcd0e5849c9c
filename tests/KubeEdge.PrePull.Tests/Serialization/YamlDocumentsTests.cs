using System.Text.Json.Nodes;
using KubeEdge.PrePull.Serialization;

namespace KubeEdge.PrePull.Tests.Serialization;

public sealed class YamlDocumentsTests
{
    private const string Scalars = """
        int: 1
        float: 1.5
        bool: true
        word: eu
        quoted: "2"
        tagged: !!str 3
        nothing: ~
        empty:
        """;

    [Fact]
    public void Parse_CoreSchema_TypesPlainScalarsLikeKubectl()
    {
        var document = Assert.Single(YamlDocuments.Parse(Scalars, YamlScalarTyping.CoreSchema));

        Assert.Equal("""{"int":1,"float":1.5,"bool":true,"word":"eu","quoted":"2","tagged":"3","nothing":null,"empty":null}""", document!.ToJsonString());
    }

    [Fact]
    public void Parse_Strings_KeepsEveryScalarButNullAString()
    {
        var document = Assert.Single(YamlDocuments.Parse(Scalars, YamlScalarTyping.Strings));

        Assert.Equal("""{"int":"1","float":"1.5","bool":"true","word":"eu","quoted":"2","tagged":"3","nothing":null,"empty":null}""", document!.ToJsonString());
    }

    [Fact]
    public void Parse_SeveralDocuments_SkipsEmptyOnesAndKeepsOrder()
    {
        var documents = YamlDocuments.Parse("a: 1\n---\n# only a comment\n---\n- b\n- c\n", YamlScalarTyping.CoreSchema);

        Assert.Equal(["""{"a":1}""", """["b","c"]"""], documents.Select(d => d!.ToJsonString()));
    }

    [Theory]
    [InlineData("a: [1,\n", "malformed YAML at line 2")]
    [InlineData("a: 1\na: 2\n", "malformed YAML at line 2, column 1: Duplicate key a")]
    public void Parse_Malformed_ThrowsFormatExceptionNamingTheLine(string yaml, string expected)
    {
        var error = Assert.Throws<FormatException>(() => YamlDocuments.Parse(yaml, YamlScalarTyping.Strings));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.IsNotType<ImagePrePullJobFormatException>(error);
    }

    [Fact]
    public void Parse_UndefinedTyping_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => YamlDocuments.Parse("a: 1", (YamlScalarTyping)5));
    }

    [Fact]
    public void Parse_NestedNodes_BecomeObjectsAndArrays()
    {
        var document = (JsonObject)YamlDocuments.Parse("metadata:\n  labels:\n    zone: 1\nitems: [x, {y: z}]\n", YamlScalarTyping.Strings).Single()!;

        Assert.Equal("1", (string?)document["metadata"]!["labels"]!["zone"]);
        Assert.Equal("z", (string?)document["items"]![1]!["y"]);
    }
}

using System.Text.Json.Nodes;
using KubeEdge.PrePull.Cli.Plans;
using YamlDotNet.RepresentationModel;

namespace KubeEdge.PrePull.Cli.Tests.Plans;

public sealed class YamlTreeTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("False")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("yes")]
    [InlineData("")]
    [InlineData("1.5")]
    [InlineData("0x1F")]
    [InlineData("-1")]
    [InlineData(".inf")]
    [InlineData("a: b")]
    [InlineData("#comment")]
    [InlineData("failed to get node, err: nodes \"ghost\" not found")]
    public void Write_StringYamlWouldRetype_StaysAString(string value)
    {
        var yaml = YamlTree.Write(new JsonObject { ["v"] = value });

        var scalar = (YamlScalarNode)Load(yaml).Children[new YamlScalarNode("v")];
        Assert.Equal(value, scalar.Value);
        Assert.NotEqual(YamlDotNet.Core.ScalarStyle.Plain, scalar.Style);
    }

    [Fact]
    public void Write_NumbersBooleansNullsAndEmptyCollections_AreTyped()
    {
        var yaml = YamlTree.Write(new JsonObject { ["count"] = 3, ["b"] = false, ["z"] = null, ["l"] = new JsonArray(), ["m"] = new JsonObject(), ["s"] = "nginx:1.27" });

        Assert.Equal("count: 3\nb: false\nz: null\nl: []\nm: {}\ns: nginx:1.27\n", yaml.ReplaceLineEndings("\n"));
    }

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}

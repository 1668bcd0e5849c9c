using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Selectors;
using KubeEdge.PrePull.Testing.Storage;

namespace KubeEdge.PrePull.Testing.Tests.Selectors;

public sealed class LabelSelectorTests
{
    private static readonly JsonObject Node = JsonNode.Parse("""{"metadata":{"labels":{"region":"eu","tier":"3","node-role.kubernetes.io/edge":""}}}""")!.AsObject();

    [Theory]
    [InlineData("", true)]
    [InlineData("region=eu", true)]
    [InlineData("region==eu", true)]
    [InlineData("region!=eu", false)]
    [InlineData("region!=us", true)]
    [InlineData("missing!=x", true)]
    [InlineData("region in (us, eu)", true)]
    [InlineData("region notin (us,eu)", false)]
    [InlineData("missing notin (a)", true)]
    [InlineData("node-role.kubernetes.io/edge", true)]
    [InlineData("!node-role.kubernetes.io/edge", false)]
    [InlineData("!legacy", true)]
    [InlineData("tier>2,tier<4", true)]
    [InlineData("tier>3", false)]
    [InlineData("region=eu,region in (us)", false)]
    public void Matches_Expression_SelectsLikeKubeApiserver(string selector, bool expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Node));
    }

    [Theory]
    [InlineData("region in eu")]
    [InlineData("region between (a)")]
    [InlineData("tier>x")]
    [InlineData("bad key=1")]
    public void Parse_Malformed_ThrowsBadRequestNamingThePart(string selector)
    {
        var error = Assert.Throws<ApiException>(() => LabelSelector.Parse(selector));

        Assert.Equal(400, error.Code);
        Assert.Contains("unable to parse requirement", error.Message, StringComparison.Ordinal);
    }
}

using k8s.Models;
using KubeEdge.PrePull.Labels;

namespace KubeEdge.PrePull.Tests.Labels;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Hangzhou = new()
    {
        ["topology.kubernetes.io/region"] = "hangzhou",
        ["node-role.kubernetes.io/edge"] = string.Empty,
        ["tier"] = "gold",
    };

    [Theory]
    [InlineData("topology.kubernetes.io/region", true)]
    [InlineData("!topology.kubernetes.io/region", false)]
    [InlineData("!gpu", true)]
    [InlineData("topology.kubernetes.io/region=hangzhou", true)]
    [InlineData("topology.kubernetes.io/region==hangzhou", true)]
    [InlineData("topology.kubernetes.io/region=shanghai", false)]
    [InlineData("topology.kubernetes.io/region!=shanghai", true)]
    [InlineData("gpu!=yes", true)]
    [InlineData("topology.kubernetes.io/region in (shanghai, hangzhou)", true)]
    [InlineData("topology.kubernetes.io/region notin (shanghai,hangzhou)", false)]
    [InlineData("gpu notin (yes)", true)]
    [InlineData("gpu in (yes)", false)]
    [InlineData("node-role.kubernetes.io/edge=", true)]
    [InlineData("node-role.kubernetes.io/edge=,tier=gold", true)]
    [InlineData("tier=gold , topology.kubernetes.io/region=shanghai", false)]
    [InlineData("", true)]
    [InlineData("   ", true)]
    public void Matches_StringSyntax_SelectsLikeKubernetes(string text, bool expected)
    {
        Assert.True(LabelSelector.TryParse(text, out var selector, out var error), error);
        Assert.Equal(expected, selector.Matches(Hangzhou));
    }

    [Theory]
    [InlineData("region!=(", "expected a value after \"!=\" at position 8")]
    [InlineData("region=a,", "expected a requirement after \",\" at position 9")]
    [InlineData("region in a,b", "expected \"(\" after \"in\" at position 10")]
    [InlineData("region in (a,b", "expected \")\" to close the list after \"in\" at position 14")]
    [InlineData("region in ()", "expected a value in the list after \"in\" at position 11")]
    [InlineData("region > 3", "unknown operator \">\" after \"region\" at position 7; expected one of \"=\", \"==\", \"!=\", \"in\", \"notin\"")]
    [InlineData("region = a b", "expected \",\" or the end after \"region=a\" but found \"b\" at position 11")]
    [InlineData("=a", "expected a label key but found \"=\" at position 0")]
    [InlineData("!", "expected a label key at position 1")]
    [InlineData("-bad=a", "invalid label key \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character at position 0")]
    [InlineData("Example.COM/a=b", "invalid label key \"Example.COM/a\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character at position 0")]
    [InlineData("a=b_", "invalid label value \"b_\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character at position 2")]
    public void TryParse_Invalid_ErrorPointsAtOffendingPosition(string text, string expected)
    {
        Assert.False(LabelSelector.TryParse(text, out var selector, out var error));
        Assert.Null(selector);
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("replicas>2", true)]
    [InlineData("replicas > 3", false)]
    [InlineData("replicas<4", true)]
    [InlineData("replicas<3", false)]
    [InlineData("replicas>-1,replicas<10", true)]
    [InlineData("tier>0", false)] // not an integer: matches neither way, as in Kubernetes
    [InlineData("tier<0", false)]
    [InlineData("gpu>0", false)]
    [InlineData("tier=gold,replicas>2", true)]
    public void Matches_ApiServerSyntax_ComparesIntegers(string text, bool expected)
    {
        var labels = new Dictionary<string, string>(Hangzhou) { ["replicas"] = "3" };

        Assert.True(LabelSelector.TryParse(text, LabelSelectorSyntax.ApiServer, out var selector, out var error), error);
        Assert.Equal(expected, selector.Matches(labels));
    }

    [Theory]
    [InlineData("replicas>x", "expected an integer after \">\" but found \"x\" at position 9")]
    [InlineData("replicas<", "expected an integer after \"<\" at position 9")]
    [InlineData("replicas>=1", "unknown operator \">=\" after \"replicas\" at position 8; expected one of \"=\", \"==\", \"!=\", \"in\", \"notin\", \">\", \"<\"")]
    public void TryParse_ApiServerSyntaxInvalid_ErrorPointsAtOffendingPosition(string text, string expected)
    {
        Assert.False(LabelSelector.TryParse(text, LabelSelectorSyntax.ApiServer, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryParse_StandardSyntax_RejectsComparisons()
    {
        Assert.False(LabelSelector.TryParse("replicas>2", LabelSelectorSyntax.Standard, out _, out var error));
        Assert.StartsWith("unknown operator \">\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_ApiServerSyntax_RoundTrips()
    {
        Assert.True(LabelSelector.TryParse("a>1, b < -2,c", LabelSelectorSyntax.ApiServer, out var selector, out var error), error);

        Assert.Equal("a>1,b<-2,c", selector.ToString());
    }

    [Fact]
    public void TryParse_UndefinedSyntax_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LabelSelector.TryParse("a", (LabelSelectorSyntax)7, out _, out _));
    }

    [Fact]
    public void TryParse_OverlongNameAndValue_Rejected()
    {
        var longName = new string('a', 64);
        Assert.False(LabelSelector.TryParse(longName, out _, out var keyError));
        Assert.Contains("name part must be no more than 63 characters", keyError, StringComparison.Ordinal);
        Assert.False(LabelSelector.TryParse("k=" + longName, out _, out var valueError));
        Assert.Contains("must be no more than 63 characters", valueError, StringComparison.Ordinal);
        Assert.True(LabelSelector.TryParse(new string('a', 63) + "=" + new string('b', 63), out _, out _));
    }

    [Fact]
    public void ToString_ParsedSelector_RoundTrips()
    {
        var selector = LabelSelector.Parse("a, !b ,c==d,e!=f, g in (h,i),j notin (k)");
        Assert.Equal("a,!b,c==d,e!=f,g in (h,i),j notin (k)", selector.ToString());
        Assert.Equal(selector.ToString(), LabelSelector.Parse(selector.ToString()).ToString());
        Assert.Equal(["a", "b", "c", "e", "g", "j"], selector.Keys);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionNamingText()
    {
        var ex = Assert.Throws<FormatException>(() => LabelSelector.Parse("a in"));
        Assert.Equal("invalid label selector \"a in\": expected \"(\" after \"in\" at position 4", ex.Message);
    }

    [Fact]
    public void TryFromV1_MatchLabelsAndExpressions_AndsEverything()
    {
        var v1 = new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["node-role.kubernetes.io/edge"] = string.Empty },
            MatchExpressions =
            [
                Req("topology.kubernetes.io/region", "In", "hangzhou", "shanghai"),
                Req("gpu", "DoesNotExist"),
                Req("tier", "Exists"),
                Req("tier", "NotIn", "bronze"),
            ],
        };

        Assert.True(LabelSelector.TryFromV1(v1, out var selector, out var errors));
        Assert.Empty(errors);
        Assert.True(selector.Matches(Hangzhou));
        Assert.False(selector.Matches(new Dictionary<string, string>(Hangzhou) { ["gpu"] = "yes" }));
        Assert.False(selector.Matches(new Dictionary<string, string>(Hangzhou) { ["tier"] = "bronze" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["tier"] = "gold", ["topology.kubernetes.io/region"] = "hangzhou" }));
    }

    [Fact]
    public void TryFromV1_Empty_SelectsEverything()
    {
        Assert.True(LabelSelector.TryFromV1(new V1LabelSelector(), out var selector, out _));
        Assert.True(selector.IsEverything);
        Assert.True(selector.Matches(new Dictionary<string, string>()));
    }

    [Fact]
    public void TryFromV1_Invalid_ReportsEveryProblemWithItsField()
    {
        var v1 = new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["bad key"] = "v", ["ok"] = "bad value!" },
            MatchExpressions =
            [
                Req("a", "Equals", "x"),
                Req("b", "In"),
                Req("c", "Exists", "x"),
                Req("d", "NotIn", "ok", "-no"),
            ],
        };

        Assert.False(LabelSelector.TryFromV1(v1, out var selector, out var errors));
        Assert.Null(selector);
        Assert.Equal(
            [
                "matchLabels[\"bad key\"]: invalid label key \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                "matchLabels[\"ok\"]: invalid label value \"bad value!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                "matchExpressions[0].operator: \"Equals\" is not a valid operator; expected In, NotIn, Exists or DoesNotExist",
                "matchExpressions[1].values: must be specified when operator is In",
                "matchExpressions[2].values: may not be specified when operator is Exists",
                "matchExpressions[3].values[1]: invalid label value \"-no\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
            ],
            errors);
        var ex = Assert.Throws<ArgumentException>(() => LabelSelector.FromV1(v1));
        Assert.StartsWith("invalid label selector: matchLabels[\"bad key\"]", ex.Message, StringComparison.Ordinal);
    }

    private static V1LabelSelectorRequirement Req(string key, string op, params string[] values) =>
        new() { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : values };
}

using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Images;
using KubeEdge.PrePull.Overrides;

namespace KubeEdge.PrePull.Tests.Overrides;

public sealed class ImageRewriterTests
{
    public static TheoryData<string, string, string, string, string, bool> Cases() => OverrideVectors.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rewrite_VectorCase_ResolvesOrFailsNamingTheRule(string image, string component, string op, string value, string result, bool invalid)
    {
        var rules = Rules(
            new ImagePrePullOverrider(),
            Rule(new ImageOverrider { Component = component, Operator = op, Value = value }));

        var resolved = ImageRewriter.Rewrite(image, rules, Check, out var error);

        if (invalid)
        {
            Assert.Null(resolved);
            Assert.StartsWith($"imagePrePullOverriders[1] made \"{image}\" an invalid reference \"{result}\": ", error, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(error);
            Assert.Equal(result, resolved);
        }
    }

    [Fact]
    public void Rewrite_SeveralRules_ApplyInOrderEachOnThePreviousResult()
    {
        // Rule 0 prefixes "bitnami" (not a host: no dot), so rule 1's Registry remove finds no host to remove,
        // while rule 2's Registry add then prefixes a real host; rule 3 retags.
        var rules = Rules(
            Rule(new ImageOverrider { Component = ImageComponents.Registry, Operator = OverriderOperators.Replace, Value = "bitnami" }),
            Rule(new ImageOverrider { Component = ImageComponents.Registry, Operator = OverriderOperators.Remove }),
            Rule(new ImageOverrider { Component = ImageComponents.Registry, Operator = OverriderOperators.Add, Value = "mirror.example:5000" }),
            Rule(
                new ImageOverrider { Component = ImageComponents.Tag, Operator = OverriderOperators.Add, Value = "-debug" },
                new ImageOverrider { Component = ImageComponents.Repository, Operator = OverriderOperators.Add, Value = "/slim" }));

        Assert.Equal("mirror.example:5000/bitnami/nginx/slim:1.27-debug", ImageRewriter.Rewrite("nginx:1.27", rules, Check, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void Rewrite_NoImageOverriders_KeepsTheImageAsWritten()
    {
        const string Image = "nginx:1.0@sha256:50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c";
        Assert.Equal(Image, ImageRewriter.Rewrite(Image, Rules(new ImagePrePullOverrider()), Check, out _));
    }

    [Fact]
    public void Rewrite_UppercaseRepository_FailsWithUpstreamText()
    {
        var rules = Rules(Rule(new ImageOverrider { Component = ImageComponents.Repository, Operator = OverriderOperators.Replace, Value = "team/App" }));
        Assert.Null(ImageRewriter.Rewrite("harbor.example.com/team/app:v1", rules, Check, out var error));
        Assert.Equal("imagePrePullOverriders[0] made \"harbor.example.com/team/app:v1\" an invalid reference \"harbor.example.com/team/App:v1\": " + Check("harbor.example.com/team/App:v1"), error);
    }

    private static string? Check(string reference) => ImageReference.TryParse(reference, out _, out var error) ? null : error;

    private static ImagePrePullOverrider Rule(params ImageOverrider[] overriders) =>
        new() { Overriders = new Overriders { ImageOverriders = overriders } };

    private static OverrideRule[] Rules(params ImagePrePullOverrider[] rules) => OverrideRule.CompileAll(rules);
}

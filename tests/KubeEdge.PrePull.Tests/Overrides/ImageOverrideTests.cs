using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Overrides;

namespace KubeEdge.PrePull.Tests.Overrides;

public sealed class ImageOverrideTests
{
    public static TheoryData<string, string, string, string, string, bool> Cases() => OverrideVectors.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Apply_VectorCase_GivesKarmadaResult(string image, string component, string op, string value, string result, bool invalid)
    {
        _ = invalid; // Validity is the rewriter's business; see ImageRewriterTests.
        var rule = Rule(new ImageOverrider { Component = component, Operator = op, Value = value });
        var parts = OverrideImage.Split(image);
        rule.ImageOverrides.Single().Apply(parts);
        Assert.Equal(result, parts.ToString());
    }

    [Theory]
    [InlineData("ubuntu/nginx", ImageComponents.Registry, OverriderOperators.Remove, "", "ubuntu/nginx")]
    [InlineData("ubuntu/nginx", ImageComponents.Registry, OverriderOperators.Replace, "bitnami", "bitnami/ubuntu/nginx")]
    [InlineData("Foo/bar", ImageComponents.Registry, OverriderOperators.Remove, "", "Foo/bar")]
    [InlineData("nginx:1.0", ImageComponents.Tag, OverriderOperators.Replace, "bad/tag", "nginx:1.0")]
    [InlineData("app@sha256:50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c", ImageComponents.Tag, OverriderOperators.Add, "x", "app@sha256:50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c")]
    [InlineData("nginx:1.0@sha256:50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c", ImageComponents.Repository, OverriderOperators.Add, "-slim", "nginx-slim:1.0")]
    public void Apply_DerivedEdgeCase_FollowsKarmadaCode(string image, string component, string op, string value, string result)
    {
        var rule = Rule(new ImageOverrider { Component = component, Operator = op, Value = value });
        var parts = OverrideImage.Split(image);
        rule.ImageOverrides.Single().Apply(parts);
        Assert.Equal(result, parts.ToString());
    }

    private static OverrideRule Rule(ImageOverrider overrider) =>
        OverrideRule.CompileAll([new ImagePrePullOverrider { Overriders = new Overriders { ImageOverriders = [overrider] } }]).Single();
}

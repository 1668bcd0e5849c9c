using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Overrides;

namespace KubeEdge.PrePull.Tests.Overrides;

public sealed class OverrideRuleTests
{
    [Fact]
    public void CompileAll_InvalidRules_ThrowsNamingEveryField()
    {
        var ex = Assert.Throws<ArgumentException>(() => OverrideRule.CompileAll(
        [
            new ImagePrePullOverrider { NodeLabel = "region in (a" },
            new ImagePrePullOverrider
            {
                NodeLabel = "region=b",
                Overriders = new Overriders
                {
                    ImageOverriders = [new ImageOverrider { Component = "Host", Operator = OverriderOperators.Add, Value = "x" }],
                    SecretOverriders = [new SecretOverrider { Component = SecretComponents.SecretName, Operator = "set", Value = "a/b/c" }],
                },
            },
        ]));
        Assert.Equal(
            "the job's overriders are invalid (validate the job first): "
            + "spec.imagePrePullOverriders[0].nodeLabel: expected \")\" to close the list after \"in\" at position 12; "
            + "spec.imagePrePullOverriders[1].overriders.imageOverriders[0].component: \"Host\" is not one of Registry, Repository, Tag; "
            + "spec.imagePrePullOverriders[1].overriders.secretOverriders[0].operator: \"set\" is not one of add, remove, replace; "
            + "spec.imagePrePullOverriders[1].overriders.secretOverriders[0].value: \"a/b/c\" is not a secret name or namespace/name (Parameter 'overriders')",
            ex.Message);
    }

    [Fact]
    public void CompileAll_NoNodeLabel_SelectsEveryNode()
    {
        var rule = OverrideRule.CompileAll([new ImagePrePullOverrider()]).Single();
        Assert.True(rule.Selector.IsEverything);
        Assert.Equal("imagePrePullOverriders[0]", rule.Name);
    }
}

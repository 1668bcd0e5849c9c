using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Overrides;

namespace KubeEdge.PrePull.Tests.Overrides;

public sealed class SecretOverrideTests
{
    [Theory]
    [InlineData(OverriderOperators.Replace, "hangzhou-secret", new[] { "default/harbor", "edge/aliyun" }, new[] { "default/hangzhou-secret", "edge/hangzhou-secret" })]
    [InlineData(OverriderOperators.Replace, "mirrors/hz", new[] { "default/harbor", "edge/aliyun" }, new[] { "mirrors/hz" })]
    [InlineData(OverriderOperators.Replace, "hz", new string[0], new string[0])]
    [InlineData(OverriderOperators.Add, "extra", new[] { "default/harbor" }, new[] { "default/harbor", "default/extra" })]
    [InlineData(OverriderOperators.Add, "edge/extra", new[] { "default/harbor" }, new[] { "default/harbor", "edge/extra" })]
    [InlineData(OverriderOperators.Add, "harbor", new[] { "default/harbor" }, new[] { "default/harbor" })]
    [InlineData(OverriderOperators.Remove, "harbor", new[] { "default/harbor", "edge/harbor", "edge/aliyun" }, new[] { "edge/aliyun" })]
    [InlineData(OverriderOperators.Remove, "edge/harbor", new[] { "default/harbor", "edge/harbor" }, new[] { "default/harbor" })]
    [InlineData(OverriderOperators.Remove, "missing", new[] { "default/harbor" }, new[] { "default/harbor" })]
    public void Apply_Operator_EditsNodeSecretSet(string op, string value, string[] before, string[] after)
    {
        var rule = OverrideRule.CompileAll([new ImagePrePullOverrider
        {
            Overriders = new Overriders { SecretOverriders = [new SecretOverrider { Component = SecretComponents.SecretName, Operator = op, Value = value }] },
        }]).Single();
        var refs = before.ToList();
        rule.SecretOverrides.Single().Apply(refs);
        Assert.Equal(after, refs);
    }
}

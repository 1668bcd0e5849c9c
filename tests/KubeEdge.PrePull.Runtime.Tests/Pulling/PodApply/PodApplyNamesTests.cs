using System.Text.RegularExpressions;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Runtime.Pulling.PodApply;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.PodApply;

public sealed partial class PodApplyNamesTests
{
    [Theory]
    [InlineData("prepull-example", "edge-node-1")]
    [InlineData("a.very.long.job.name.that.goes.on.and.on.and.on.for.quite.a.while", "node.with.dots.example.com")]
    [InlineData("UPPER_case", "node_1")]
    [InlineData("-", "-")]
    public void Pod_AnyJobAndNode_IsValidDnsLabel(string job, string node)
    {
        var name = PodApplyNames.Pod("prepull-", job, node);

        Assert.True(name.Length <= 63, name);
        Assert.Matches(DnsLabel(), name);
    }

    [Fact]
    public void Pod_SameJobAndNode_IsDeterministic() =>
        Assert.Equal(PodApplyNames.Pod("prepull-", "job", "node-1"), PodApplyNames.Pod("prepull-", "job", "node-1"));

    [Fact]
    public void Pod_PairsThatSanitizeAlike_GetDifferentNames()
    {
        Assert.NotEqual(PodApplyNames.Pod("p-", "a-b", "c"), PodApplyNames.Pod("p-", "a", "b-c"));
        Assert.NotEqual(PodApplyNames.Pod("p-", "job", "node.1"), PodApplyNames.Pod("p-", "job", "node-1"));
    }

    [Fact]
    public void Pod_ShortNames_StayReadable() =>
        Assert.StartsWith("prepull-job-node-1-", PodApplyNames.Pod("prepull-", "job", "node-1"), StringComparison.Ordinal);

    [Fact]
    public void SecretCopy_DifferentSources_GetDifferentValidNames()
    {
        var a = PodApplyNames.SecretCopy("prepull-", "job", "node-1", SecretReference.Parse("default/harbor"));
        var b = PodApplyNames.SecretCopy("prepull-", "job", "node-1", SecretReference.Parse("team/harbor"));

        Assert.NotEqual(a, b);
        Assert.Matches(DnsLabel(), a);
    }

    [Fact]
    public void LabelValue_TooLong_IsCutAndHashed()
    {
        var value = PodApplyNames.LabelValue(new string('n', 100));

        Assert.Equal(63, value.Length);
        Assert.Equal("short", PodApplyNames.LabelValue("short"));
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}

using KubeEdge.PrePull.Names;

namespace KubeEdge.PrePull.Tests.Names;

public sealed class KubernetesNamesTests
{
    private const string SubdomainRule = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string LabelRule = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";

    public static TheoryData<string, string?> Subdomains() => new()
    {
        { "node1", null },
        { "edge-node.example.com", null },
        { "0", null },
        { new string('a', 253), null },
        { new string('a', 64) + ".b", null }, // no per-label limit, as upstream's IsDNS1123Subdomain
        { new string('a', 254), "must be no more than 253 characters" },
        { "", SubdomainRule },
        { "Node1", SubdomainRule },
        { "-node", SubdomainRule },
        { "node-", SubdomainRule },
        { "a..b", SubdomainRule },
        { "a_b", SubdomainRule },
        { "node\n", SubdomainRule },
    };

    public static TheoryData<string, string?> Labels() => new()
    {
        { "default", null },
        { "kube-system", null },
        { new string('a', 63), null },
        { new string('a', 64), "must be no more than 63 characters" },
        { "", LabelRule },
        { "a.b", LabelRule },
        { "Default", LabelRule },
        { "-a", LabelRule },
        { "a-", LabelRule },
        { "ns\n", LabelRule },
    };

    public static TheoryData<string, string?> LabelKeys() => new()
    {
        { "agent", null },
        { "prepull.kubeedge.io/agent", null },
        { "example.com/edge-agent_1", null },
        { "Tier.Name", null },
        { new string('a', 63), null },
        { "", "invalid label key \"\": name part must be non-empty" },
        { "/agent", "invalid label key \"/agent\": prefix part must be non-empty" },
        { "example.com/", "invalid label key \"example.com/\": name part must be non-empty" },
        { "Example.COM/agent", "invalid label key \"Example.COM/agent\": prefix part " + SubdomainRule },
        { "-agent", "invalid label key \"-agent\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character" },
        { "agent=true", "invalid label key \"agent=true\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character" },
        { new string('a', 64), $"invalid label key \"{new string('a', 64)}\": name part must be no more than 63 characters" },
        { new string('a', 254) + "/b", $"invalid label key \"{new string('a', 254)}/b\": prefix part must be no more than 253 characters" },
    };

    [Theory]
    [MemberData(nameof(Subdomains))]
    public void CheckDns1123Subdomain_Table(string value, string? expected)
    {
        Assert.Equal(expected, KubernetesNames.CheckDns1123Subdomain(value));
        Assert.Equal(expected is null, KubernetesNames.IsDns1123Subdomain(value));
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void CheckDns1123Label_Table(string value, string? expected)
    {
        Assert.Equal(expected, KubernetesNames.CheckDns1123Label(value));
        Assert.Equal(expected is null, KubernetesNames.IsDns1123Label(value));
    }

    [Theory]
    [MemberData(nameof(LabelKeys))]
    public void CheckLabelKey_Table(string key, string? expected)
    {
        Assert.Equal(expected, KubernetesNames.CheckLabelKey(key));
        Assert.Equal(expected is null, KubernetesNames.IsLabelKey(key));
    }

    [Fact]
    public void IsChecks_Null_False()
    {
        Assert.False(KubernetesNames.IsDns1123Subdomain(null));
        Assert.False(KubernetesNames.IsDns1123Label(null));
        Assert.False(KubernetesNames.IsLabelKey(null));
    }

    [Fact]
    public void Checks_Null_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => KubernetesNames.CheckDns1123Subdomain(null!));
        Assert.Throws<ArgumentNullException>(() => KubernetesNames.CheckDns1123Label(null!));
        Assert.Throws<ArgumentNullException>(() => KubernetesNames.CheckLabelKey(null!));
    }
}

using KubeEdge.PrePull.Credentials;

namespace KubeEdge.PrePull.Tests.Credentials;

/// <summary>The grant rule (docs/design.md §2, "Secret grants"): allowed namespaces, or the opt-in label.</summary>
public sealed class SecretGrantTests
{
    private static readonly SecretGrant Grant = new(["kubeedge-prepull", "default", "default"]);

    [Theory]
    [InlineData("default/harbor", true)]
    [InlineData("kubeedge-prepull/pull", true)]
    [InlineData("kube-system/admin", false)]
    [InlineData("team-a/shared", false)]
    public void Allows_WithoutLabels_OnlyAllowedNamespaces(string reference, bool allowed)
    {
        Assert.Equal(allowed, Grant.Allows(SecretReference.Parse(reference), null));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", false)]
    [InlineData("false", false)]
    [InlineData("", false)]
    public void Allows_OptInLabel_OnlyTheExactValue(string value, bool allowed)
    {
        var labels = new Dictionary<string, string> { [SecretGrant.OptInLabel] = value };

        Assert.Equal(allowed, Grant.Allows(SecretReference.Parse("kube-system/x"), labels));
    }

    [Fact]
    public void Refusal_NamesTheSecretAndTheRule()
    {
        Assert.Equal(
            "secret kube-system/x: not in an allowed namespace (default, kubeedge-prepull) and lacks the label prepull.kubeedge.io/allow-prepull=true",
            Grant.Refusal(SecretReference.Parse("kube-system/x")).ToString());
        Assert.Equal(["default", "kubeedge-prepull"], Grant.Namespaces);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    public void Create_BadNamespace_Throws(string ns)
    {
        var error = Assert.Throws<ArgumentException>(() => new SecretGrant(["default", ns]));

        Assert.Contains($"secret namespace \"{ns}\" is not a namespace name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolver_RefusedSecret_ReportsTheRefusalNotMissing()
    {
        var refusal = Grant.Refusal(SecretReference.Parse("kube-system/x"));
        var resolver = CredentialResolver.Create([], [refusal]);

        var resolution = resolver.Resolve("harbor.example.com/app:v1", ["kube-system/x"]);

        Assert.Empty(resolution.Credentials);
        Assert.Equal([refusal], resolution.Problems);
    }
}

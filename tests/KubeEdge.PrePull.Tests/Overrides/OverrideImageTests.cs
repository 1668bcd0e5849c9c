using KubeEdge.PrePull.Overrides;

namespace KubeEdge.PrePull.Tests.Overrides;

public sealed class OverrideImageTests
{
    private const string Digest = "sha256:50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c";

    public static TheoryData<string, string, string, string, string> ParseCases() => OverrideVectors.ParseCases();

    [Theory]
    [MemberData(nameof(ParseCases))]
    public void Split_VectorCase_MatchesKarmadaAndRoundTrips(string image, string hostname, string repository, string tag, string digest)
    {
        var parts = OverrideImage.Split(image);
        Assert.Equal(hostname, parts.Hostname);
        Assert.Equal(repository, parts.Repository);
        Assert.Equal(tag, parts.Tag);
        Assert.Equal(digest, parts.Digest);
        Assert.Equal(image, parts.ToString());
    }

    [Theory]
    [InlineData("ubuntu/nginx", "", "ubuntu/nginx")]
    [InlineData("localhost/app", "localhost", "app")]
    [InlineData("Foo/bar", "", "Foo/bar")]
    [InlineData("[::1]:5000/app", "[::1]:5000", "app")]
    [InlineData("fictional.registry.example:10443/subpath/imagename@" + Digest, "fictional.registry.example:10443", "subpath/imagename")]
    public void Split_FirstSegment_IsHostOnlyWithDotColonOrLocalhost(string image, string hostname, string repository)
    {
        var parts = OverrideImage.Split(image);
        Assert.Equal(hostname, parts.Hostname);
        Assert.Equal(repository, parts.Repository);
        Assert.Equal(image, parts.ToString());
    }

    [Fact]
    public void Split_TagAndDigest_KeepsTagDropsDigest()
    {
        var parts = OverrideImage.Split("nginx:1.0@" + Digest);
        Assert.Equal("1.0", parts.Tag);
        Assert.Equal(string.Empty, parts.Digest);
        Assert.Equal("nginx:1.0", parts.ToString());
    }

    [Fact]
    public void SetTagOrDigest_KarmadaExampleSequence_SetsAndClears()
    {
        var parts = OverrideImage.Split("gcr.io/kube-apiserver");
        parts.SetTagOrDigest("v1.19.0");
        Assert.Equal("gcr.io/kube-apiserver:v1.19.0", parts.ToString());
        parts.RemoveTagOrDigest();
        Assert.Equal("gcr.io/kube-apiserver", parts.ToString());
        parts.SetTagOrDigest(Digest);
        Assert.Equal("gcr.io/kube-apiserver@" + Digest, parts.ToString());
        parts.SetTagOrDigest("bad/tag");
        Assert.Equal("gcr.io/kube-apiserver@" + Digest, parts.ToString());
        parts.RemoveTagOrDigest();
        Assert.Equal("gcr.io/kube-apiserver", parts.ToString());
    }
}

using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Registries;

namespace KubeEdge.PrePull.Runtime.Tests.Registries;

/// <summary>How recorded digests rewrite a node's plan, for the controller and edge agents alike (docs/design.md §2 "Pinned digests"); no registry involved.</summary>
public sealed class PinnedDigestsApplyTests
{
    private const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Origin = "registry.example.org/team/app:v1";
    private const string Mirror = "mirror.example.org/team/app:v1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Recorded_ResolvedImageAndFallback_PullTheirRepositoriesAtTheDigest()
    {
        var pins = PinnedDigests.Recorded([new ImageDigest { Image = Origin, ResolvedImage = Mirror, Digest = Digest }]);

        var image = Assert.Single(pins.Apply(new NodePlan([new ImagePlan(Origin, Mirror, []) { FallbackImage = Origin }])).Images);

        Assert.Equal(("mirror.example.org/team/app@" + Digest, "registry.example.org/team/app@" + Digest), (image.ResolvedImage, image.FallbackImage));
    }

    [Fact]
    public void ResolvedImageNotRecorded_TakesTheDigestOfItsSpecImageAtItsOwnRepository()
    {
        var pins = PinnedDigests.Recorded([new ImageDigest { Image = Origin, ResolvedImage = Origin, Digest = Digest }]);
        var late = new ImagePlan(Origin, Mirror, []);

        var image = Assert.Single(pins.Apply(new NodePlan([late])).Images);

        Assert.Equal("mirror.example.org/team/app@" + Digest, image.ResolvedImage);
        Assert.False(pins.NeedsResolving(late));
    }

    [Fact]
    public void NothingRecordedForTheSpecImage_FailsTheImageNamingIt_NeverTheTag()
    {
        var pins = PinnedDigests.Recorded(null);
        var plan = new ImagePlan(Origin, Mirror, []);

        var image = Assert.Single(pins.Apply(new NodePlan([plan])).Images);

        Assert.Null(image.ResolvedImage);
        Assert.Equal($"pinDigests: no digest is recorded in status.imageDigests for {Origin} (resolved here to {Mirror}); the tag is not pulled", image.Error);
        Assert.True(pins.NeedsResolving(plan));
    }

    [Fact]
    public void RegistryAnswerForTheResolvedImage_WinsOverTheSpecImagesDigest()
    {
        var pins = new PinnedDigests([new ImageDigest { Image = Origin, ResolvedImage = Origin, Digest = Digest }], new Dictionary<string, string> { [Mirror] = "registry mirror.example.org answered 404 Not Found" });

        var image = Assert.Single(pins.Apply(new NodePlan([new ImagePlan(Origin, Mirror, [])])).Images);

        Assert.Equal($"pinDigests: the tag of {Mirror} could not be resolved: registry mirror.example.org answered 404 Not Found", image.Error);
    }

    [Fact]
    public async Task PinLaterAsync_SpecImageRecorded_AsksNoRegistryAndAddsNothing()
    {
        using var http = new HttpClient(new RefusingHandler());
        var pins = PinnedDigests.Recorded([new ImageDigest { Image = Origin, ResolvedImage = Origin, Digest = Digest }]);

        var added = await new DigestPinner(new RegistryClient(http)).PinLaterAsync(pins, [new ImagePlan(Origin, Mirror, []), new ImagePlan(Origin, Origin, [])], Ct);

        Assert.Equal(0, added);
        Assert.Single(pins.Records);
    }

    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no registry may be asked: " + request.RequestUri);
    }
}

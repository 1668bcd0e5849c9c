using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Images;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Cri;
using KubeEdge.PrePull.Runtime.Registries;
using KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Runtime.Tests.Registries;

/// <summary>
/// pinDigests with a real docker-registry (htpasswd) and a real containerd: the tag is resolved once, a tag moved
/// between two nodes' pulls does not split them, a resumed job keeps its recorded digest, and an unresolvable tag
/// fails with the registry's answer (docs/design.md §2 "Pinned digests").
/// </summary>
public sealed class PinnedDigestsTests(CriFixture fixture) : IClassFixture<CriFixture>, IDisposable
{
    private readonly HttpClient _http = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task TagMovedBetweenTwoNodesPulls_BothNodesGetTheFirstDigest()
    {
        fixture.Require();
        var image = await fixture.Alice.PushImageAsync("pin/app", "v1", padding: 1000);
        var client = new RegistryClient(_http);
        var first = await client.ResolveDigestAsync(ImageReference.Parse(image), fixture.Alice.Credential("default/alice"), Ct);
        var plans = new[] { new ImagePlan(image, image, [fixture.Alice.Credential("default/alice")]) };
        var pins = await new DigestPinner(client).PinAsync(null, plans, Ct);
        var source = new Plans(pins.Apply(new NodePlan(plans)));
        using var puller = new CriImagePuller(new CriImagePullerOptions { SocketPath = fixture.Containerd.SocketPath, PullTimeout = TimeSpan.FromMinutes(1), ProbeTimeout = TimeSpan.FromSeconds(5) });

        var one = await RunAsync(puller, source, "edge-1");
        await fixture.Alice.PushImageAsync("pin/app", "v1", padding: 2000);
        var moved = await client.ResolveDigestAsync(ImageReference.Parse(image), fixture.Alice.Credential("default/alice"), Ct);
        var two = await RunAsync(puller, source, "edge-2");

        var record = Assert.Single(pins.Records);
        Assert.Equal(new ImageDigest { Image = image, ResolvedImage = image, Digest = first }, record);
        Assert.NotEqual(first, moved);
        foreach (var result in new[] { one, two })
        {
            Assert.True(result.Succeeded, result.Reason);
            Assert.Equal($"{fixture.Alice.Host}/pin/app@{first}", result.ResolvedImage);
        }

        Assert.Equal(one.ImageRef, two.ImageRef);
    }

    [Fact]
    public async Task ResumedJob_ReusesTheRecordedDigest_WithoutAskingTheRegistry()
    {
        fixture.Require();
        var image = await fixture.Alice.PushImageAsync("pin/resume", "v1");
        var plans = new[] { new ImagePlan(image, image, [fixture.Alice.Credential("default/alice")]) };
        var client = new RegistryClient(_http);
        var started = await new DigestPinner(client).PinAsync(null, plans, Ct);
        await fixture.Alice.PushImageAsync("pin/resume", "v1", padding: 100);
        var before = fixture.Alice.ManifestRequests("pin/resume");

        var resumed = await new DigestPinner(client).PinAsync(started.Records, plans, Ct);

        Assert.Equal(started.Records, resumed.Records);
        Assert.Equal($"{fixture.Alice.Host}/pin/resume@{started.Records[0].Digest}", resumed.Apply(new NodePlan(plans)).Images[0].ResolvedImage);
        Assert.Equal(before, fixture.Alice.ManifestRequests("pin/resume"));
    }

    [Fact]
    public async Task UnresolvableTag_FailsTheImageWithTheRegistrysAnswer_NeverTheTag()
    {
        fixture.Require();
        await fixture.Alice.PushImageAsync("pin/missing", "v1");
        var missing = $"{fixture.Alice.Host}/pin/missing:nope";
        var good = await fixture.Alice.PushImageAsync("pin/missing", "v1");
        var plans = new[] { new ImagePlan(missing, missing, [fixture.Alice.Credential("default/alice")]), new ImagePlan(good, good, [fixture.Alice.Credential("default/alice")]) };
        var pins = await new DigestPinner(new RegistryClient(_http)).PinAsync(null, plans, Ct);
        using var puller = new CriImagePuller(new CriImagePullerOptions { SocketPath = fixture.Containerd.SocketPath, PullTimeout = TimeSpan.FromMinutes(1), ProbeTimeout = TimeSpan.FromSeconds(5) });

        var run = await RunNodeAsync(puller, new Plans(pins.Apply(new NodePlan(plans))), "edge-1");

        var failed = run.Images[0];
        Assert.False(failed.Succeeded);
        Assert.Equal(0, failed.Attempts);
        Assert.StartsWith(
            $"pinDigests: the tag of {missing} could not be resolved: registry {fixture.Alice.Host} answered 404 Not Found for manifest nope of repository pin/missing: MANIFEST_UNKNOWN",
            failed.Reason,
            StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Alice.Password, failed.Reason, StringComparison.Ordinal);
        Assert.True(run.Images[1].Succeeded, run.Images[1].Reason);
        Assert.Single(pins.Records);
    }

    private static async Task<ImageResult> RunAsync(IImagePuller puller, INodePlanSource plans, string node) =>
        Assert.Single((await RunNodeAsync(puller, plans, node)).Images);

    private static async Task<NodeTaskResult> RunNodeAsync(IImagePuller puller, INodePlanSource plans, string node)
    {
        var settings = new JobSettings(1, TimeSpan.FromMinutes(2), 0, 0m, [], ImagePullPolicies.Always);
        var run = new JobScheduler(puller).Start([NodeTaskResult.Pending(node)], plans, settings, Ct);
        await foreach (var update in run.Updates.ReadAllAsync(Ct))
        {
            _ = update;
        }

        var outcome = await run.Completion.WaitAsync(Eventually.Timeout, Ct);
        return Assert.Single(outcome.Nodes);
    }

    private sealed class Plans(NodePlan plan) : INodePlanSource
    {
        public NodePlan GetPlan(string nodeName) => plan;
    }
}

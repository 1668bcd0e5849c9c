using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.Tests.Controller;
using KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;
using KubeEdge.PrePull.Serialization;
using KubeEdge.PrePull.Testing.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>
/// <c>pinDigests</c> in edge-agent mode (docs/design.md §2 "Pinned digests"): the real controller pins the tags at job
/// start, the real agent host pulls <c>repository@digest</c> from <c>status.imageDigests</c> through a real containerd
/// from a real docker-registry with htpasswd, and never pulls a tag the job pins.
/// </summary>
public sealed class AgentPinnedDigestsTests(CriFixture fixture) : IClassFixture<CriFixture>, IAsyncLifetime
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private AgentCluster _agents = null!;
    private IHost? _controller;
    private string _node = null!;

    private ControllerCluster Cluster => _agents.Cluster;

    public async ValueTask InitializeAsync()
    {
        fixture.Require();
        _agents = await AgentCluster.StartAsync(fixture);
        var options = new NodeFleetOptions { Count = 1, NamePrefix = "pin-" + _id + "-" };
        options.Labels[EdgeAgentLabels.Agent] = "true";
        _node = Cluster.Server.Fleet.AddNodes(options)[0];
        _controller = Cluster.BuildAgentController(b => b.AddEdgeAgents());
        await _controller.StartAsync(ControllerCluster.Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_controller is not null)
        {
            await _controller.StopAsync(CancellationToken.None);
            _controller.Dispose();
        }

        if (_agents is not null)
        {
            await _agents.DisposeAsync();
        }
    }

    [Fact]
    public async Task TagMovedAfterTheControllerPinnedIt_AgentPullsTheRecordedDigest()
    {
        var image = await fixture.Alice.PushImageAsync($"agent-pin-{_id}", "v1", padding: 300);
        await Cluster.CreateRegistrySecretAsync("default", "alice-secret", fixture.Alice.Host, fixture.Alice.User, fixture.Alice.Password);
        await Cluster.CreateJobAsync(Job("moved", [image]));

        // The controller pinned the tag; only then does the tag move, and only then does the agent start.
        var pinned = await Cluster.WaitForJobAsync("moved", j => j.Status?.ImageDigests is { Count: > 0 }, "has recorded digests");
        var first = Assert.Single(pinned.Status!.ImageDigests!).Digest!;
        await fixture.Alice.PushImageAsync($"agent-pin-{_id}", "v1", padding: 600);
        var pulls = new PullLog();
        await _agents.StartAgentAsync(_node, pulls);
        var done = await Cluster.WaitForPhaseAsync("moved", JobPhases.Completed);

        var atDigest = $"{fixture.Alice.Host}/agent-pin-{_id}@{first}";
        var entry = Assert.Single(done.Status!.NodeStatus!);
        Assert.Equal(NodeTaskPhases.Successful, entry.Phase);
        var status = Assert.Single(entry.ImageStatus!);
        Assert.Equal((image, atDigest, "default/alice-secret"), (status.Image, status.ResolvedImage, status.Secret));
        Assert.Equal([new ImageDigest { Image = image, ResolvedImage = image, Digest = first }], done.Status.ImageDigests);
        Assert.All(pulls.Pulls, p => Assert.Equal(atDigest, p.ResolvedImage));
        Assert.True(await _agents.HasImageAsync(atDigest), atDigest + " is in containerd");
        AssertNoSecret(done, await Cluster.EventsAsync("moved"));
    }

    [Fact]
    public async Task NoDigestRecordedForAnImage_AgentFailsThatImageWithoutPullingTheTag_OthersGoOn()
    {
        var good = await fixture.Alice.PushImageAsync($"agent-pin-good-{_id}", "v1");
        var missing = $"{fixture.Alice.Host}/agent-pin-good-{_id}:nope";
        await Cluster.CreateRegistrySecretAsync("default", "alice-secret", fixture.Alice.Host, fixture.Alice.User, fixture.Alice.Password);
        var pulls = new PullLog();
        await _agents.StartAgentAsync(_node, pulls);
        var job = Job("missing", [missing, good]);
        job.Spec.ImagePrePullTemplate!.FailureTolerate = "1";

        await Cluster.CreateJobAsync(job);
        var done = await Cluster.WaitForPhaseAsync("missing", JobPhases.Completed);

        var entry = Assert.Single(done.Status!.NodeStatus!);
        Assert.Equal(NodeTaskPhases.Failure, entry.Phase);
        var failed = entry.ImageStatus![0];
        Assert.Equal(("False", missing), (failed.Status, failed.Image));
        Assert.Equal(
            $"pinDigests: no digest is recorded in status.imageDigests for {missing} (resolved here to {missing}); the tag is not pulled",
            failed.Reason);
        var digest = Assert.Single(done.Status.ImageDigests!).Digest!;
        Assert.Equal(("True", $"{fixture.Alice.Host}/agent-pin-good-{_id}@{digest}"), (entry.ImageStatus[1].Status, entry.ImageStatus[1].ResolvedImage));
        Assert.DoesNotContain(pulls.Pulls, p => p.ResolvedImage == missing);
        AssertNoSecret(done, await Cluster.EventsAsync("missing"));
    }

    private void AssertNoSecret(ImagePrePullJob done, IEnumerable<k8s.Models.Corev1Event> events)
    {
        var texts = new List<string> { ImagePrePullJobSerializer.Serialize(done) };
        texts.AddRange(events.Select(e => e.Message ?? string.Empty));
        texts.AddRange(_agents.Logs.Select(r => r.Message + " " + r.Exception));
        Assert.All(texts, t => Assert.DoesNotContain(fixture.Alice.Password, t, StringComparison.Ordinal));
    }

    private ImagePrePullJob Job(string name, IReadOnlyList<string> images)
    {
        var job = AgentJobs.Create(name, images, ["default/alice-secret"]);
        job.ApiVersion = ImagePrePullJobNames.GroupVersionV1Alpha2;
        job.Kind = ImagePrePullJobNames.Kind;
        job.Spec.ImagePrePullTemplate!.NodeNames = [_node];
        job.Spec.ImagePrePullTemplate.PinDigests = true;
        job.Spec.ImagePrePullTemplate.ImagePullPolicy = ImagePullPolicies.Always;
        return job;
    }
}

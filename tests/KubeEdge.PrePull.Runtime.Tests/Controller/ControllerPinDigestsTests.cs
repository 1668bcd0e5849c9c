using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Serialization;
using KubeEdge.PrePull.Testing.Fleet;
using KubeEdge.PrePull.Testing.Registries;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// <c>pinDigests</c> through the real controller host (PodApply) on the embedded API server, with real docker-registry
/// processes (htpasswd) as the origin and as a mirror, the simulated kubelets recording what each pod asked for
/// (docs/design.md §2 "Pinned digests").
/// </summary>
public sealed class ControllerPinDigestsTests : IAsyncLifetime
{
    private const string MirrorLabel = "prepull.test/mirror";
    private readonly string _dir = Directory.CreateTempSubdirectory("controller-pin-tests-").FullName;
    private readonly List<LocalRegistry> _registries = [];
    private readonly CredentialRecordingPuller _kubelets = new();
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    private ControllerCluster Cluster { get; set; } = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Cluster = await ControllerCluster.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        foreach (var registry in _registries)
        {
            await registry.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task PinDigests_EveryNodePullsTheDigest_UnresolvableTagFailsOnEveryNode_NoSecretAnywhere()
    {
        var origin = await StartRegistryAsync("alice");
        var app = await origin.PushImageAsync("pin/app", "v1");
        var missing = $"{origin.Host}/pin/app:nope";
        await Cluster.CreateRegistrySecretAsync("default", "alice-secret", origin.Host, origin.User, origin.Password);
        Cluster.Server.Fleet.Puller = _kubelets;
        var nodes = Cluster.AddNodes(3);
        await Cluster.StartControllerAsync();
        var job = ControllerLifecycleTests.Job("pinned", nodes, 3, missing, app);
        job.Spec.ImagePrePullTemplate!.PinDigests = true;
        job.Spec.ImagePrePullTemplate.PullSecrets = ["default/alice-secret"];
        job.Spec.ImagePrePullTemplate.FailureTolerate = "1";

        await Cluster.CreateJobAsync(job);
        var done = await Cluster.WaitForJobAsync("pinned", j => j.Status?.CompletionTime is not null, "finishes");

        // Read back through the typed job client, as a user would.
        var read = (await Cluster.Jobs.GetAsync("pinned", Ct))!;
        var digest = Assert.Single(read.Status!.ImageDigests!).Digest!;
        Assert.Equal([new ImageDigest { Image = app, ResolvedImage = app, Digest = digest }], read.Status.ImageDigests);
        var atDigest = $"{origin.Host}/pin/app@{digest}";
        Assert.Equal(nodes.Order(StringComparer.Ordinal), read.Status.NodeStatus!.Select(n => n.NodeName).Order(StringComparer.Ordinal));
        foreach (var entry in read.Status.NodeStatus!)
        {
            Assert.Equal(NodeTaskPhases.Failure, entry.Phase);
            var failed = entry.ImageStatus![0];
            Assert.Equal(("False", missing), (failed.Status, failed.Image));
            Assert.StartsWith(
                $"pinDigests: the tag of {missing} could not be resolved: registry {origin.Host} answered 404 Not Found for manifest nope of repository pin/app",
                failed.Reason,
                StringComparison.Ordinal);
            Assert.Equal(("True", atDigest), (entry.ImageStatus[1].Status, entry.ImageStatus[1].ResolvedImage));
        }

        // Every kubelet was asked for the digest, once per node, and never for either tag.
        Assert.Equal(nodes.Count, _kubelets.Requests.Count);
        Assert.All(_kubelets.Requests, r => Assert.Equal(atDigest, r.Image));
        Assert.Equal(nodes.Order(StringComparer.Ordinal), _kubelets.Requests.Select(r => r.NodeName).Order(StringComparer.Ordinal));
        await AssertNoSecretAsync(done, origin.Password);
    }

    [Fact]
    public async Task NeverJob_LateNodeThroughAMirror_PullsTheMirrorAtTheDigestRecordedAtTheStart()
    {
        var origin = await StartRegistryAsync("alice");
        var mirror = await StartRegistryAsync("bob");
        var app = await origin.PushImageAsync($"pin/late-{_id}", "v1");
        await Cluster.CreateRegistrySecretAsync("default", "alice-secret", origin.Host, origin.User, origin.Password);
        await Cluster.CreateRegistrySecretAsync("default", "bob-secret", mirror.Host, mirror.User, mirror.Password);
        Cluster.Server.Fleet.Puller = _kubelets;
        var first = AddNodes("first", mirrored: false);
        await Cluster.StartControllerAsync();
        await Cluster.CreateJobAsync(NeverJob("late", [app]));
        var started = await Cluster.WaitForJobAsync("late", j => j.Status?.Summary?.Successful == 1, "pulls onto the first node");
        var recorded = Assert.Single(started.Status!.ImageDigests!);

        // The tag moves at the origin, and the mirror holds other content under it: neither may be asked for later.
        await origin.PushImageAsync($"pin/late-{_id}", "v1", padding: 100);
        await mirror.PushImageAsync($"pin/late-{_id}", "v1", padding: 200);
        var asked = (origin.ManifestRequests($"pin/late-{_id}"), mirror.ManifestRequests($"pin/late-{_id}"));
        var late = AddNodes("late", mirrored: true);
        var running = await Cluster.WaitForJobAsync("late", j => j.Status?.NodeStatus?.SingleOrDefault(n => n.NodeName == late)?.Phase is { } phase && NodeTaskPhases.IsTerminal(phase), "finishes the late node");

        var atMirror = $"{mirror.Host}/pin/late-{_id}@{recorded.Digest}";
        var entry = running.Status!.NodeStatus!.Single(n => n.NodeName == late);
        Assert.Equal(NodeTaskPhases.Successful, entry.Phase);
        Assert.Equal((atMirror, "default/bob-secret"), (entry.ImageStatus!.Single().ResolvedImage, entry.ImageStatus!.Single().Secret));
        Assert.Equal(atMirror, _kubelets.Requests.Single(r => r.NodeName == late).Image);
        Assert.Equal($"{origin.Host}/pin/late-{_id}@{recorded.Digest}", _kubelets.Requests.Single(r => r.NodeName == first).Image);
        Assert.Equal([recorded], running.Status.ImageDigests);
        Assert.Equal(asked, (origin.ManifestRequests($"pin/late-{_id}"), mirror.ManifestRequests($"pin/late-{_id}")));
        await AssertNoSecretAsync(running, origin.Password, mirror.Password);
    }

    [Fact]
    public async Task NeverJob_NoDigestRecordedYet_LateNodeResolvesThroughItsMirrorWithItsCredentialsAndRecordsIt()
    {
        var origin = await StartRegistryAsync("alice");
        var mirror = await StartRegistryAsync("bob");
        var app = await origin.PushImageAsync($"pin/first-{_id}", "v1");
        var mirrored = await mirror.PushImageAsync($"pin/first-{_id}", "v1", padding: 50);
        var missing = $"{origin.Host}/pin/first-{_id}:nope";
        await Cluster.CreateRegistrySecretAsync("default", "alice-secret", origin.Host, origin.User, origin.Password);
        await Cluster.CreateRegistrySecretAsync("default", "bob-secret", mirror.Host, mirror.User, mirror.Password);
        Cluster.Server.Fleet.Puller = _kubelets;
        await Cluster.StartControllerAsync();
        var job = NeverJob("first", [missing, app]);
        job.Spec.ImagePrePullTemplate!.FailureTolerate = "1";
        await Cluster.CreateJobAsync(job);
        var empty = await Cluster.WaitForPhaseAsync("first", JobPhases.InProgress);
        Assert.Empty(empty.Status!.ImageDigests ?? []);

        var node = AddNodes("mirrored", mirrored: true);
        var running = await Cluster.WaitForJobAsync("first", j => j.Status?.NodeStatus?.SingleOrDefault(n => n.NodeName == node)?.Phase == NodeTaskPhases.Failure, "finishes the late node");

        using var http = new HttpClient();
        var mirrorDigest = await new KubeEdge.PrePull.Runtime.Registries.RegistryClient(http).ResolveDigestAsync(KubeEdge.PrePull.Images.ImageReference.Parse(mirrored), mirror.Credential("default/bob-secret"), Ct);
        var missingAtMirror = $"{mirror.Host}/pin/first-{_id}:nope";
        Assert.Equal([new ImageDigest { Image = app, ResolvedImage = mirrored, Digest = mirrorDigest }], running.Status!.ImageDigests);
        var entry = running.Status.NodeStatus!.Single(n => n.NodeName == node);
        Assert.StartsWith(
            $"pinDigests: the tag of {missingAtMirror} could not be resolved: registry {mirror.Host} answered 404 Not Found",
            entry.ImageStatus![0].Reason,
            StringComparison.Ordinal);
        Assert.Equal(("True", $"{mirror.Host}/pin/first-{_id}@{mirrorDigest}"), (entry.ImageStatus[1].Status, entry.ImageStatus[1].ResolvedImage));
        Assert.Equal($"{mirror.Host}/pin/first-{_id}@{mirrorDigest}", _kubelets.Requests.Single().Image);
        await AssertNoSecretAsync(running, origin.Password, mirror.Password);
    }

    private string AddNodes(string name, bool mirrored)
    {
        var options = new NodeFleetOptions { Count = 1, NamePrefix = $"{name}-{_id}-" };
        options.Labels["pin"] = _id;
        if (mirrored)
        {
            options.Labels[MirrorLabel] = "true";
        }

        return Cluster.Server.Fleet.AddNodes(options)[0];
    }

    private ImagePrePullJob NeverJob(string name, string[] images)
    {
        var job = ControllerLifecycleTests.Job(name, [], 2, images);
        var template = job.Spec.ImagePrePullTemplate!;
        template.NodeNames = null;
        template.LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["pin"] = _id } };
        template.PinDigests = true;
        template.PullSecrets = ["default/alice-secret"];
        job.Spec.CompletionPolicy = new CompletionPolicy { Type = CompletionPolicyTypes.Never };
        job.Spec.ImagePrePullOverriders =
        [
            new ImagePrePullOverrider
            {
                NodeLabel = MirrorLabel + "=true",
                Overriders = new Overriders
                {
                    ImageOverriders = [new ImageOverrider { Component = ImageComponents.Registry, Operator = OverriderOperators.Replace, Value = _registries[1].Host }],
                    SecretOverriders = [new SecretOverrider { Component = SecretComponents.SecretName, Operator = OverriderOperators.Replace, Value = "bob-secret" }],
                },
            },
        ];
        return job;
    }

    private async Task<LocalRegistry> StartRegistryAsync(string user)
    {
        Daemons.Require("docker-registry", "docker-registry");
        Daemons.Require("htpasswd", "apache2-utils");
        var registry = await LocalRegistry.StartAsync(
            new LocalRegistryOptions { Directory = Path.Combine(_dir, user), User = user, Password = user + "-" + Guid.NewGuid().ToString("N") },
            Ct);
        _registries.Add(registry);
        return registry;
    }

    private async Task AssertNoSecretAsync(ImagePrePullJob job, params string[] passwords)
    {
        var texts = new List<string> { ImagePrePullJobSerializer.Serialize(job) };
        texts.AddRange((await Cluster.EventsAsync(job.Metadata.Name)).Select(e => e.Message ?? string.Empty));
        texts.AddRange(Cluster.Logs.Collector.GetSnapshot().Select(r => r.Message + " " + r.Exception));
        foreach (var password in passwords)
        {
            Assert.All(texts, t => Assert.DoesNotContain(password, t, StringComparison.Ordinal));
        }
    }
}

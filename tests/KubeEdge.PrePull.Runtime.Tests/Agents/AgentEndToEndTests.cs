using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.Tests.Controller;
using KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;
using KubeEdge.PrePull.Testing.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>
/// Edge-agent mode end to end: the real controller (<c>AddEdgeAgents()</c>) and real agent hosts in process
/// (<c>AddImagePrePullAgent(node).AddCriPuller(socket)</c>, one shared containerd, distinct node names), pulling from
/// real authenticated registries, all through the embedded API server.
/// </summary>
public sealed class AgentEndToEndTests(CriFixture fixture) : IClassFixture<CriFixture>, IAsyncLifetime
{
    private const string Hangzhou = "hangzhou";
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private AgentCluster _agents = null!;
    private IHost? _controller;
    private string _nodeA = null!;
    private string _nodeB = null!;

    private ControllerCluster Cluster => _agents.Cluster;

    public async ValueTask InitializeAsync()
    {
        fixture.Require();
        _agents = await AgentCluster.StartAsync(fixture);

        // Ready edge nodes with the agent label; the first is in hangzhou, the second in shanghai.
        var options = new NodeFleetOptions { Count = 2, NamePrefix = "agent-" + _id + "-" };
        options.Regions.Add(Hangzhou);
        options.Regions.Add("shanghai");
        options.Labels[EdgeAgentLabels.Agent] = "true";
        var nodes = Cluster.Server.Fleet.AddNodes(options);
        (_nodeA, _nodeB) = (nodes[0], nodes[1]);
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
    public async Task Job_TwoAgentNodesTwoPrivateRegistriesAndOverride_BothSuccessfulWithResolvedImagesAndSecrets()
    {
        var app = await fixture.Alice.PushImageAsync($"e2e-app-{_id}", "v1");
        var appV2 = await fixture.Alice.PushImageAsync($"e2e-app-{_id}", "v2");
        var tool = await fixture.Bob.PushImageAsync($"e2e-tool-{_id}", "v1");
        var toolV2 = await fixture.Bob.PushImageAsync($"e2e-tool-{_id}", "v2");
        await Cluster.CreateRegistrySecretAsync("default", "alice-secret", fixture.Alice.Host, fixture.Alice.User, fixture.Alice.Password);
        await Cluster.CreateRegistrySecretAsync("default", "bob-secret", fixture.Bob.Host, fixture.Bob.User, fixture.Bob.Password);
        await _agents.StartAgentAsync(_nodeA);
        await _agents.StartAgentAsync(_nodeB);
        var job = Job("e2e", [app, tool], ["default/alice-secret", "default/bob-secret"], [AgentJobs.TagOverride(NodeFleetOptions.RegionLabel + "=" + Hangzhou, "v2")]);

        await Cluster.CreateJobAsync(job);
        var done = await Cluster.WaitForPhaseAsync("e2e", JobPhases.Completed);

        var a = done.Status!.NodeStatus!.Single(e => e.NodeName == _nodeA);
        var b = done.Status.NodeStatus!.Single(e => e.NodeName == _nodeB);
        Assert.Equal((NodeTaskPhases.Successful, NodeTaskPhases.Successful), (a.Phase, b.Phase));
        Assert.Equal([appV2, toolV2], a.ImageStatus!.Select(i => i.ResolvedImage));
        Assert.Equal([app, tool], b.ImageStatus!.Select(i => i.ResolvedImage));
        foreach (var entry in new[] { a, b })
        {
            Assert.Equal([app, tool], entry.ImageStatus!.Select(i => i.Image));
            Assert.Equal(["default/alice-secret", "default/bob-secret"], entry.ImageStatus!.Select(i => i.Secret));
            Assert.All(entry.ImageStatus!, i => Assert.Matches("^sha256:[0-9a-f]{64}$", i.ImageRef));
        }

        Assert.Equal((2, 2), (done.Status.Summary!.Total, done.Status.Summary.Successful));
        foreach (var image in new[] { app, appV2, tool, toolV2 })
        {
            Assert.True(await _agents.HasImageAsync(image), image + " is in containerd");
        }

        // Agent nodes get no pods: the controller never went through their kubelets.
        Assert.Empty(await Cluster.PodsAsync());
        Assert.DoesNotContain(_agents.Logs, r => r.Message.Contains(fixture.Alice.Password, StringComparison.Ordinal) || r.Message.Contains(fixture.Bob.Password, StringComparison.Ordinal));

        // A node that succeeded has no reason: no line may print it as "(null)".
        Assert.DoesNotContain(_agents.Logs, r => r.Message.Contains("(null)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Job_ScopedMirrorMissingAnImage_AgentFallsBackToTheOriginalAndNoSecretLeaks()
    {
        // docs/design.md §2 "Overrides": hangzhou's mirror (Bob) serves Alice's images but lacks "app"; the rule is
        // scoped to Alice's images, so the Docker-Hub-like image of Carol keeps its own secret and registry.
        var app = await fixture.Alice.PushImageAsync($"fb-app-{_id}", "v1");
        var lib = await fixture.Alice.PushImageAsync($"fb-lib-{_id}", "v1");
        var mirroredLib = await fixture.Bob.PushImageAsync($"fb-lib-{_id}", "v1");
        var other = await fixture.Carol.PushImageAsync($"fb-other-{_id}", "v1");
        await Cluster.CreateRegistrySecretAsync("default", "alice-secret", fixture.Alice.Host, fixture.Alice.User, fixture.Alice.Password);
        await Cluster.CreateRegistrySecretAsync("default", "bob-secret", fixture.Bob.Host, fixture.Bob.User, fixture.Bob.Password);
        await Cluster.CreateRegistrySecretAsync("default", "carol-secret", fixture.Carol.Host, fixture.Carol.User, fixture.Carol.Password);
        await _agents.StartAgentAsync(_nodeA);
        await _agents.StartAgentAsync(_nodeB);
        var mirror = new ImagePrePullOverrider
        {
            NodeLabel = NodeFleetOptions.RegionLabel + "=" + Hangzhou,
            ImagePrefixes = [fixture.Alice.Host + "/"],
            FallbackToOriginal = true,
            Overriders = new Overriders
            {
                ImageOverriders = [new ImageOverrider { Component = ImageComponents.Registry, Operator = OverriderOperators.Replace, Value = fixture.Bob.Host }],
                SecretOverriders = [new SecretOverrider { Component = SecretComponents.SecretName, Operator = OverriderOperators.Replace, Value = "bob-secret" }],
            },
        };
        var job = Job("fallback", [app, lib, other], ["default/alice-secret", "default/carol-secret"], [mirror]);

        // Both nodes' agents pull into the fixture's one containerd: under IfNotPresent the second node to reach
        // Carol's image found it present and named no secret (seen once in a fresh-clone run). Always makes each node
        // pull, so each entry says whose secret served it.
        job.Spec.ImagePrePullTemplate!.ImagePullPolicy = ImagePullPolicies.Always;
        await Cluster.CreateJobAsync(job);
        var done = await Cluster.WaitForPhaseAsync("fallback", JobPhases.Completed);

        var a = done.Status!.NodeStatus!.Single(e => e.NodeName == _nodeA);
        Assert.Equal(NodeTaskPhases.Successful, a.Phase);
        Assert.Equal([app, mirroredLib, other], a.ImageStatus!.Select(i => i.ResolvedImage));
        Assert.Equal([fixture.Bob.Host + app[fixture.Alice.Host.Length..], null, null], a.ImageStatus!.Select(i => i.FallbackFrom));
        Assert.Equal(["default/alice-secret", "default/bob-secret", "default/carol-secret"], a.ImageStatus!.Select(i => i.Secret));
        var b = done.Status.NodeStatus!.Single(e => e.NodeName == _nodeB);
        Assert.Equal([app, lib, other], b.ImageStatus!.Select(i => i.ResolvedImage));
        Assert.All(b.ImageStatus!, i => Assert.Null(i.FallbackFrom));
        foreach (var image in new[] { app, mirroredLib, other })
        {
            Assert.True(await _agents.HasImageAsync(image), image + " is in containerd");
        }

        // No secret byte in the job (status included), its events or any log line of the controller and agents.
        var texts = new List<string> { KubeEdge.PrePull.Serialization.ImagePrePullJobSerializer.Serialize(done) };
        texts.AddRange((await Cluster.EventsAsync("fallback")).Select(e => e.Message ?? string.Empty));
        texts.AddRange(_agents.Logs.Select(r => r.Message + " " + r.Exception));
        foreach (var password in new[] { fixture.Alice.Password, fixture.Bob.Password, fixture.Carol.Password })
        {
            Assert.All(texts, t => Assert.DoesNotContain(password, t, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Job_AgentStoppedMidJob_NodeUnknownJobFinishes()
    {
        var image = await fixture.Alice.PushImageAsync($"e2e-stop-{_id}", "v1");
        await Cluster.CreateRegistrySecretAsync("default", "alice-secret", fixture.Alice.Host, fixture.Alice.User, fixture.Alice.Password);
        var pullsA = new PullLog();
        pullsA.Hold(image);
        var agentA = await _agents.StartAgentAsync(_nodeA, pullsA);
        await _agents.StartAgentAsync(_nodeB);
        var job = Job("stopped", [image], ["default/alice-secret"]);
        job.Spec.ImagePrePullTemplate!.TimeoutSeconds = 8;
        job.Spec.ImagePrePullTemplate.FailureTolerate = "1";

        await Cluster.CreateJobAsync(job);
        await pullsA.Started(image);
        await _agents.StopAsync(agentA);
        var done = await Cluster.WaitForPhaseAsync("stopped", JobPhases.Completed);

        var a = done.Status!.NodeStatus!.Single(e => e.NodeName == _nodeA);
        Assert.Equal(NodeTaskPhases.Unknown, a.Phase);
        Assert.Equal(Scheduling.SchedulerReasons.TimedOut(TimeSpan.FromSeconds(8)), a.Reason);
        Assert.Equal(NodeTaskPhases.Successful, done.Status.NodeStatus!.Single(e => e.NodeName == _nodeB).Phase);
        Assert.Equal((1, 1), (done.Status.Summary!.Successful, done.Status.Summary.Unknown));
    }

    [Fact]
    public async Task Job_AgentRestartedMidPull_FinishesWithoutPullingTwice()
    {
        var first = await fixture.Bob.PushImageAsync($"e2e-first-{_id}", "v1");
        var second = await fixture.Bob.PushImageAsync($"e2e-second-{_id}", "v1");
        await Cluster.CreateRegistrySecretAsync("default", "bob-secret", fixture.Bob.Host, fixture.Bob.User, fixture.Bob.Password);
        var before = new PullLog();
        before.Hold(second);
        var agent = await _agents.StartAgentAsync(_nodeA, before);
        var job = Job("restarted", [first, second], ["default/bob-secret"], nodes: [_nodeA]);
        job.Spec.ImagePrePullTemplate!.ImagePullPolicy = ImagePullPolicies.IfNotPresent;

        await Cluster.CreateJobAsync(job);
        await before.Started(second);
        await _agents.StopAsync(agent);
        var after = new PullLog();
        await _agents.StartAgentAsync(_nodeA, after);
        var done = await Cluster.WaitForPhaseAsync("restarted", JobPhases.Completed);

        var entry = Assert.Single(done.Status!.NodeStatus!);
        Assert.Equal(NodeTaskPhases.Successful, entry.Phase);
        Assert.Equal([first, second], entry.ImageStatus!.Select(i => i.ResolvedImage));

        // The first image came down once, before the restart; after it the runtime already had it.
        Assert.False(Assert.Single(before.Pulls, p => p.ResolvedImage == first).Result!.AlreadyPresent);
        Assert.True(Assert.Single(after.Pulls, p => p.ResolvedImage == first).Result!.AlreadyPresent);

        // The second one was held before reaching the runtime, so it came down once, after the restart.
        Assert.Null(Assert.Single(before.Pulls, p => p.ResolvedImage == second).Result);
        Assert.False(Assert.Single(after.Pulls, p => p.ResolvedImage == second).Result!.AlreadyPresent);
        Assert.True(await _agents.HasImageAsync(second));
    }

    private ImagePrePullJob Job(string name, IReadOnlyList<string> images, IReadOnlyList<string> secrets, IList<ImagePrePullOverrider>? overriders = null, IReadOnlyList<string>? nodes = null)
    {
        var job = AgentJobs.Create(name, images, secrets, overriders);
        job.ApiVersion = ImagePrePullJobNames.GroupVersionV1Alpha2;
        job.Kind = ImagePrePullJobNames.Kind;
        job.Spec.ImagePrePullTemplate!.NodeNames = [.. nodes ?? [_nodeA, _nodeB]];
        job.Spec.ImagePrePullTemplate.Concurrency = 2;
        return job;
    }
}

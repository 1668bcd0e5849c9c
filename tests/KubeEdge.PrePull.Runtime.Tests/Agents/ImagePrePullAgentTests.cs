using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.Telemetry;
using KubeEdge.PrePull.Runtime.Tests.Controller;
using KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;
using KubeEdge.PrePull.Testing.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>
/// The edge agent host on a real containerd with real authenticated registries, against the embedded API server.
/// The test plays the controller: it creates the nodes, secrets and job, and sets the entries InProgress.
/// </summary>
public sealed class ImagePrePullAgentTests(CriFixture fixture) : IClassFixture<CriFixture>, IAsyncLifetime
{
    private const string NodeA = "edge-a";
    private const string NodeB = "edge-b";
    private const string Marker = "Agent-S3cr3t-Marker-9c2e";

    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private AgentCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        fixture.Require();
        _cluster = await AgentCluster.StartAsync(fixture);
        await _cluster.CreateNodeAsync(NodeA, ("region", "hz"), (EdgeAgentLabels.Agent, "true"));
        await _cluster.CreateNodeAsync(NodeB, ("region", "sh"), (EdgeAgentLabels.Agent, "true"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Agent_DispatchedEntryTwoPrivateRegistriesAndOverride_WritesOnlyItsEntrySuccessful()
    {
        var app = await fixture.Alice.PushImageAsync($"app-{_id}", "v1");
        var appV2 = await fixture.Alice.PushImageAsync($"app-{_id}", "v2");
        var tool = await fixture.Bob.PushImageAsync($"tool-{_id}", "v1");
        var toolV2 = await fixture.Bob.PushImageAsync($"tool-{_id}", "v2");
        await _cluster.Cluster.CreateRegistrySecretAsync("default", "alice-secret", fixture.Alice.Host, fixture.Alice.User, fixture.Alice.Password);
        await _cluster.Cluster.CreateRegistrySecretAsync("default", "bob-secret", fixture.Bob.Host, fixture.Bob.User, fixture.Bob.Password);

        // Only node B's plan names this one: node A's agent must not read it.
        await _cluster.Cluster.CreateRegistrySecretAsync("default", "sh-secret", fixture.Alice.Host, "sh", Marker);
        var job = AgentJobs.Create(
            "two-registries",
            [app, tool],
            ["default/alice-secret", "default/bob-secret"],
            [AgentJobs.TagOverride("region=hz", "v2"), AgentJobs.SecretOverride("region=sh", "sh-secret")]);
        await _cluster.CreateDispatchedJobAsync(job, (NodeA, NodeTaskPhases.InProgress), (NodeB, NodeTaskPhases.InProgress));
        var requests = new RequestCounter();

        await _cluster.StartAgentAsync(NodeA, requests: requests);
        var entry = await _cluster.WaitForEntryAsync("two-registries", NodeA);

        Assert.Equal(NodeTaskPhases.Successful, entry.Phase);
        Assert.Equal([NodeActions.Check, NodeActions.Pull], entry.ActionFlow!.Select(a => a.Action));
        Assert.Equal([app, tool], entry.ImageStatus!.Select(i => i.Image));
        Assert.Equal([appV2, toolV2], entry.ImageStatus!.Select(i => i.ResolvedImage));
        Assert.Equal(["default/alice-secret", "default/bob-secret"], entry.ImageStatus!.Select(i => i.Secret));
        Assert.All(entry.ImageStatus!, i => Assert.Equal(ConditionStatuses.True, i.Status));

        // The CRI runtime's image ID (the config digest) is what the kubelet reports too.
        Assert.All(entry.ImageStatus!, i => Assert.Matches("^sha256:[0-9a-f]{64}$", i.ImageRef));
        Assert.True(await _cluster.HasImageAsync(appV2));
        Assert.True(await _cluster.HasImageAsync(toolV2));

        // Node B's entry and the job-level fields are the controller's.
        var status = (await _cluster.Cluster.GetJobAsync("two-registries"))!.Status!;
        Assert.Equal(JobPhases.InProgress, status.Phase);
        var other = status.NodeStatus!.Single(e => e.NodeName == NodeB);
        Assert.Equal((NodeTaskPhases.InProgress, null, null), (other.Phase, other.ImageStatus, other.Reason));

        // One node read, the two secrets its plan names read by name, nothing listed, one status write.
        Assert.Equal(1, requests.Count("GET nodes"));
        Assert.Equal(2, requests.Count("GET secrets"));
        Assert.Equal(0, requests.Count("LIST secrets") + requests.Count("WATCH secrets"));
        Assert.Equal(1, requests.Count("PATCH imageprepulljobs/status"));

        Assert.DoesNotContain(_cluster.Logs, r => Leaks(r.Message) || Leaks(r.Exception?.ToString()));
        Assert.False(Leaks(k8s.KubernetesJson.Serialize(status)));
    }

    [Fact]
    public async Task Agent_NotItsTurn_LeavesTheJobsAlone()
    {
        var image = await fixture.Alice.PushImageAsync($"idle-{_id}", "v1");
        var sentinel = await fixture.Alice.PushImageAsync($"sentinel-{_id}", "v1");
        await _cluster.Cluster.CreateRegistrySecretAsync("default", "alice-secret", fixture.Alice.Host, fixture.Alice.User, fixture.Alice.Password);
        string[] secrets = ["default/alice-secret"];
        await _cluster.CreateDispatchedJobAsync(AgentJobs.Create("entry-pending", [image], secrets), (NodeA, NodeTaskPhases.Pending));
        await _cluster.Cluster.CreateJobAsync(AgentJobs.Create("job-finished", [image], secrets));
        await _cluster.SetStatusAsync("job-finished", JobPhases.Failure, (NodeA, NodeTaskPhases.InProgress));
        await _cluster.CreateDispatchedJobAsync(AgentJobs.Create("other-node", [image], secrets), (NodeB, NodeTaskPhases.InProgress));
        var pulls = new PullLog();

        await _cluster.StartAgentAsync(NodeA, pulls);

        // A job dispatched after the others: once its entry is written, the agent has handled the others too.
        await _cluster.CreateDispatchedJobAsync(AgentJobs.Create("sentinel", [sentinel], secrets), (NodeA, NodeTaskPhases.InProgress));
        Assert.Equal(NodeTaskPhases.Successful, (await _cluster.WaitForEntryAsync("sentinel", NodeA)).Phase);
        Assert.Equal(0, pulls.Count(image));
        Assert.Equal(NodeTaskPhases.Pending, (await _cluster.EntryAsync("entry-pending", NodeA))!.Phase);
        Assert.Equal(NodeTaskPhases.InProgress, (await _cluster.EntryAsync("job-finished", NodeA))!.Phase);
        Assert.Null(await _cluster.EntryAsync("other-node", NodeA));
        Assert.Equal(NodeTaskPhases.InProgress, (await _cluster.EntryAsync("other-node", NodeB))!.Phase);
    }

    [Fact]
    public async Task Agent_EntryTimedOutWhilePulling_DropsItsResultAndUnknownStays()
    {
        var image = await fixture.Alice.PushImageAsync($"late-{_id}", "v1");
        await _cluster.Cluster.CreateRegistrySecretAsync("default", "alice-secret", fixture.Alice.Host, fixture.Alice.User, fixture.Alice.Password);
        await _cluster.CreateDispatchedJobAsync(AgentJobs.Create("timed-out", [image], ["default/alice-secret"]), (NodeA, NodeTaskPhases.InProgress));
        var pulls = new PullLog();
        pulls.Hold(image);
        var requests = new RequestCounter();
        await _cluster.StartAgentAsync(NodeA, pulls, requests);
        await pulls.Started(image);

        // "The controller" times the node out while its pull is held, then the pull may finish.
        await _cluster.SetStatusAsync("timed-out", JobPhases.InProgress, (NodeA, NodeTaskPhases.Unknown));
        pulls.Release();

        await ControllerCluster.UntilAsync(
            () => Task.FromResult(_cluster.Logs.Any(r => r.Id.Id is 404 or 407 && r.Message.Contains("timed-out", StringComparison.Ordinal))),
            () => "the agent gives up its result for job timed-out");
        Assert.Equal(NodeTaskPhases.Unknown, (await _cluster.EntryAsync("timed-out", NodeA))!.Phase);
        Assert.Equal(0, requests.Count("PATCH imageprepulljobs/status"));
    }

    [Fact]
    public async Task Agent_StaleWriteRevertsItsEntry_WritesTheSameResultAgainWithoutPulling()
    {
        var image = await fixture.Bob.PushImageAsync($"stale-{_id}", "v1");
        await _cluster.Cluster.CreateRegistrySecretAsync("default", "bob-secret", fixture.Bob.Host, fixture.Bob.User, fixture.Bob.Password);
        await _cluster.CreateDispatchedJobAsync(AgentJobs.Create("stale", [image], ["default/bob-secret"]), (NodeA, NodeTaskPhases.InProgress));
        var pulls = new PullLog();
        await _cluster.StartAgentAsync(NodeA, pulls);
        var first = await _cluster.WaitForEntryAsync("stale", NodeA);
        Assert.Equal(NodeTaskPhases.Successful, first.Phase);

        // A controller write based on an old view puts the entry back to InProgress.
        await _cluster.SetStatusAsync("stale", JobPhases.InProgress, (NodeA, NodeTaskPhases.InProgress), (NodeB, NodeTaskPhases.InProgress));
        var again = await _cluster.WaitForEntryAsync("stale", NodeA);

        Assert.Equal(k8s.KubernetesJson.Serialize(first), k8s.KubernetesJson.Serialize(again));
        Assert.Equal(1, pulls.Count(image));
        Assert.Contains(_cluster.Logs, r => r.Id.Id == 406);
    }

    [Fact]
    public async Task Agent_StaleWriteBeforeItsCacheSawItsOwnWrite_WritesTheSameResultAgain()
    {
        var image = await fixture.Bob.PushImageAsync($"lagging-{_id}", "v1");
        await _cluster.Cluster.CreateRegistrySecretAsync("default", "bob-secret", fixture.Bob.Host, fixture.Bob.User, fixture.Bob.Password);
        await _cluster.CreateDispatchedJobAsync(AgentJobs.Create("lagging", [image], ["default/bob-secret"]), (NodeA, NodeTaskPhases.InProgress));
        var pulls = new PullLog();
        pulls.Hold(image);
        await _cluster.StartAgentAsync(NodeA, pulls);
        await pulls.Started(image);

        // The agent's watch breaks and comes back only later: its cache will see its own write and the revert together.
        _cluster.Cluster.Server.Faults.Add("imageprepulljobs", "watch", FaultKind.Delay, delay: TimeSpan.FromSeconds(3));
        _cluster.Cluster.Server.Faults.CloseWatches("imageprepulljobs");
        pulls.Release();
        var first = await _cluster.WaitForEntryAsync("lagging", NodeA);
        await _cluster.SetStatusAsync("lagging", JobPhases.InProgress, (NodeA, NodeTaskPhases.InProgress));

        var again = await _cluster.WaitForEntryAsync("lagging", NodeA);

        Assert.Equal(NodeTaskPhases.Successful, again.Phase);
        Assert.Equal(k8s.KubernetesJson.Serialize(first), k8s.KubernetesJson.Serialize(again));
        Assert.Equal(1, pulls.Count(image));
    }

    [Fact]
    public async Task Agent_StoppedMidPullThenStartedAgain_FinishesWithoutPullingTwice()
    {
        var first = await fixture.Alice.PushImageAsync($"first-{_id}", "v1");
        var second = await fixture.Bob.PushImageAsync($"second-{_id}", "v1");
        await _cluster.Cluster.CreateRegistrySecretAsync("default", "alice-secret", fixture.Alice.Host, fixture.Alice.User, fixture.Alice.Password);
        await _cluster.Cluster.CreateRegistrySecretAsync("default", "bob-secret", fixture.Bob.Host, fixture.Bob.User, fixture.Bob.Password);
        await _cluster.CreateDispatchedJobAsync(
            AgentJobs.Create("restarted", [first, second], ["default/alice-secret", "default/bob-secret"]), (NodeA, NodeTaskPhases.InProgress));
        var before = new PullLog();
        before.Hold(second);
        var stoppedRequests = new RequestCounter();
        var host = await _cluster.StartAgentAsync(NodeA, before, stoppedRequests);
        await before.Started(second);

        await _cluster.StopAsync(host);
        Assert.Equal(NodeTaskPhases.InProgress, (await _cluster.EntryAsync("restarted", NodeA))!.Phase);
        Assert.Equal(0, stoppedRequests.Count("PATCH imageprepulljobs/status"));
        Assert.True(before.Pulls.Single(p => p.ResolvedImage == first).Result!.Succeeded);
        Assert.Null(before.Pulls.Single(p => p.ResolvedImage == second).Result);

        var after = new PullLog();
        await _cluster.StartAgentAsync(NodeA, after);
        var entry = await _cluster.WaitForEntryAsync("restarted", NodeA);

        Assert.Equal(NodeTaskPhases.Successful, entry.Phase);
        Assert.True(after.Pulls.Single(p => p.ResolvedImage == first).Result!.AlreadyPresent);
        Assert.False(after.Pulls.Single(p => p.ResolvedImage == second).Result!.AlreadyPresent);
        Assert.True(await _cluster.HasImageAsync(second));
    }

    [Fact]
    public async Task Agent_WriteConflictsAndServerErrors_WritesItsEntryExactlyOnce()
    {
        var image = await fixture.Alice.PushImageAsync($"faulty-{_id}", "v1");
        await _cluster.Cluster.CreateRegistrySecretAsync("default", "alice-secret", fixture.Alice.Host, fixture.Alice.User, fixture.Alice.Password);
        await _cluster.CreateDispatchedJobAsync(AgentJobs.Create("faults", [image], ["default/alice-secret"]), (NodeA, NodeTaskPhases.InProgress), (NodeB, NodeTaskPhases.InProgress));
        _cluster.Cluster.Server.Faults.Add("imageprepulljobs/status", "patch", FaultKind.Conflict, times: 2);
        _cluster.Cluster.Server.Faults.Add("imageprepulljobs/status", "patch", FaultKind.InternalError, times: 2);
        var requests = new RequestCounter();

        await _cluster.StartAgentAsync(NodeA, requests: requests);
        var entry = await _cluster.WaitForEntryAsync("faults", NodeA);

        Assert.Equal(NodeTaskPhases.Successful, entry.Phase);
        Assert.Equal(0, _cluster.Cluster.Server.Faults.Pending);

        // Four refused, one applied.
        Assert.Equal(5, requests.Count("PATCH imageprepulljobs/status"));
        Assert.Equal(NodeTaskPhases.InProgress, (await _cluster.EntryAsync("faults", NodeB))!.Phase);
    }

    [Fact]
    public async Task Agent_CheckItemOverTheAgentsThreshold_WritesFailureWithoutPulling()
    {
        var image = await fixture.Alice.PushImageAsync($"checked-{_id}", "v1");
        var job = AgentJobs.Create("checked", [image]);
        job.Spec.ImagePrePullTemplate!.CheckItems = [CheckItems.Disk];
        await _cluster.CreateDispatchedJobAsync(job, (NodeA, NodeTaskPhases.InProgress));
        var pulls = new PullLog();

        // Any used disk is above 0 %: the runtime's image filesystem fails the check.
        await _cluster.StartAgentAsync(NodeA, pulls, configure: o => o.DiskThresholdPercent = 0);
        var entry = await _cluster.WaitForEntryAsync("checked", NodeA);

        Assert.Equal(NodeTaskPhases.Failure, entry.Phase);
        var check = Assert.Single(entry.ActionFlow!);
        Assert.Equal((NodeActions.Check, ConditionStatuses.False), (check.Action, check.Status));
        Assert.Contains("disk usage", check.Reason, StringComparison.Ordinal);
        Assert.Empty(pulls.Pulls);
    }

    [Fact]
    public async Task Agent_JobItCannotPlan_WritesFailureNamingTheField()
    {
        var job = AgentJobs.Create("unplannable", [$"{fixture.Alice.Host}/never-{_id}:v1"]);
        job.Spec.ImagePrePullOverriders =
        [
            new ImagePrePullOverrider
            {
                NodeLabel = "region=hz",
                Overriders = new Overriders { ImageOverriders = [new ImageOverrider { Component = ImageComponents.Tag, Operator = "bogus", Value = "v2" }] },
            },
        ];
        await _cluster.CreateDispatchedInvalidJobAsync(job, (NodeA, NodeTaskPhases.InProgress));
        var pulls = new PullLog();

        await _cluster.StartAgentAsync(NodeA, pulls);
        var entry = await _cluster.WaitForEntryAsync("unplannable", NodeA);

        Assert.Equal(NodeTaskPhases.Failure, entry.Phase);
        Assert.Contains("spec.imagePrePullOverriders[0]", entry.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", entry.Reason, StringComparison.Ordinal);
        Assert.Empty(pulls.Pulls);
    }

    [Fact]
    public async Task Agent_Metrics_CountItsNodeAndPullsByBackend()
    {
        var image = await fixture.Bob.PushImageAsync($"metered-{_id}", "v1");
        await _cluster.Cluster.CreateRegistrySecretAsync("default", "bob-secret", fixture.Bob.Host, fixture.Bob.User, fixture.Bob.Password);
        await _cluster.CreateDispatchedJobAsync(AgentJobs.Create("metered", [image], ["default/bob-secret"]), (NodeA, NodeTaskPhases.InProgress));
        var host = _cluster.BuildAgent(NodeA);
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Instrument, KeyValuePair<string, object?>[] Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this host's meter: other tests run hosts in parallel.
            if (instrument.Meter.Name == PrePullTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, _, tags, _) => measurements.Enqueue((i.Name, tags.ToArray())));
        listener.Start();

        await _cluster.StartAsync(host);
        Assert.Equal(NodeTaskPhases.Successful, (await _cluster.WaitForEntryAsync("metered", NodeA)).Phase);

        Assert.Contains(measurements, m => m.Instrument == PrePullTelemetry.NodesInstrument && m.Tags.Contains(new(PrePullTelemetry.ResultTag, NodeTaskPhases.Successful)));
        var pull = Assert.Single(measurements, m => m.Instrument == PrePullTelemetry.ImagePullsInstrument);
        Assert.Contains(new KeyValuePair<string, object?>(PrePullTelemetry.BackendTag, "cri"), pull.Tags);
        Assert.Contains(new KeyValuePair<string, object?>(PrePullTelemetry.ResultTag, "success"), pull.Tags);
    }

    [Fact]
    public async Task Agent_ApiOutageWhileWatching_ResumesAndWritesItsEntry()
    {
        var image = await fixture.Bob.PushImageAsync($"outage-{_id}", "v1");
        await _cluster.Cluster.CreateRegistrySecretAsync("default", "bob-secret", fixture.Bob.Host, fixture.Bob.User, fixture.Bob.Password);
        var pulls = new PullLog();
        await _cluster.StartAgentAsync(NodeA, pulls);
        await _cluster.CreateDispatchedJobAsync(AgentJobs.Create("before-outage", [image], ["default/bob-secret"]), (NodeA, NodeTaskPhases.InProgress));
        await _cluster.WaitForEntryAsync("before-outage", NodeA);

        // The watch breaks, its resourceVersion has expired, and the relists fail for a while.
        var faults = _cluster.Cluster.Server.Faults;
        faults.Add("imageprepulljobs", "watch", FaultKind.Gone);
        faults.Add("imageprepulljobs", "list", FaultKind.InternalError, times: 2);
        faults.CloseWatches("imageprepulljobs");
        await _cluster.CreateDispatchedJobAsync(AgentJobs.Create("after-outage", [image], ["default/bob-secret"]), (NodeA, NodeTaskPhases.InProgress));

        var entry = await _cluster.WaitForEntryAsync("after-outage", NodeA);

        Assert.Equal(NodeTaskPhases.Successful, entry.Phase);
        Assert.True(pulls.Pulls[^1].Result!.AlreadyPresent);
        Assert.Equal(0, faults.Pending);
    }

    private bool Leaks(string? text) =>
        text is not null && (text.Contains(Marker, StringComparison.Ordinal)
            || text.Contains(fixture.Alice.Password, StringComparison.Ordinal)
            || text.Contains(fixture.Bob.Password, StringComparison.Ordinal));
}

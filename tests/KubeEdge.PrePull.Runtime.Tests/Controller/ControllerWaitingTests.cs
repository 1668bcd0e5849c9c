using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Testing.Fleet;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// Jobs that wait for nodes (issue 17 items 2 and 3): <c>Always</c> with an active deadline waits for NotReady nodes,
/// <c>Never</c> keeps pulling onto nodes that join, match later or come back. On the embedded server with simulated
/// kubelets, whose pods bound while a node was NotReady start once it is Ready. Deadlines are reached by advancing the
/// controller's fake clock.
/// </summary>
public sealed class ControllerWaitingTests : ControllerTests
{
    private const string Region = "eu";
    private const string RegionLabel = NodeFleetOptions.RegionLabel;

    [Fact]
    public async Task AlwaysWithDeadline_NotReadyNodeWaitsPendingThenIsPulledWhenReady()
    {
        var nodes = Cluster.AddNodes(3, notReady: 1);
        await Cluster.StartControllerAsync();
        await Cluster.CreateJobAsync(Job("late", nodes, new CompletionPolicy { ActiveDeadlineSeconds = 3600 }));

        var waiting = await Cluster.WaitForJobAsync("late", j => j.Status?.Summary?.Successful == 2, "has its two Ready nodes done");
        var entry = waiting.Status!.NodeStatus!.Single(n => n.NodeName == nodes[2]);
        Assert.Equal((JobPhases.InProgress, NodeTaskPhases.Pending, "waiting for the node to be Ready"), (waiting.Status.Phase, entry.Phase, entry.Reason));

        Cluster.Server.Fleet.SetReady(nodes[2], ready: true);
        var done = await Cluster.WaitForPhaseAsync("late", JobPhases.Completed);

        Assert.All(done.Status!.NodeStatus!, n => Assert.Equal(NodeTaskPhases.Successful, n.Phase));
        Assert.Equal(new JobSummary { Total = 3, Successful = 3 }, done.Status.Summary);
    }

    [Fact]
    public async Task AlwaysWithDeadline_DeadlinePasses_NotReadyFailsRunningEndsUnknownAndPodsGo()
    {
        await using var clock = new PumpedClock();
        var nodes = Cluster.AddNodes(3, notReady: 1);
        Cluster.Server.Fleet.Puller = new CountingKubeletPuller(held: [nodes[1]]);
        await Cluster.StartControllerAsync(time: clock.Time);
        var job = Job("deadline", nodes, new CompletionPolicy { ActiveDeadlineSeconds = 3600 }, concurrency: 3);
        job.Spec.ImagePrePullTemplate!.TimeoutSeconds = 7200;
        await Cluster.CreateJobAsync(job);
        await Cluster.WaitForJobAsync("deadline", j => j.Status?.Summary is { Successful: 1, InProgress: 1, Pending: 1 }, "has one node done, one pulling, one waiting");

        clock.Time.Advance(TimeSpan.FromSeconds(3600));
        var failed = await Cluster.WaitForPhaseAsync("deadline", JobPhases.Failure);

        var byName = failed.Status!.NodeStatus!.ToDictionary(n => n.NodeName!);
        Assert.Equal(NodeTaskPhases.Successful, byName[nodes[0]].Phase);
        Assert.Equal((NodeTaskPhases.Unknown, "the job's active deadline passed"), (byName[nodes[1]].Phase, byName[nodes[1]].Reason));
        Assert.Equal((NodeTaskPhases.Failure, "the node is not ready"), (byName[nodes[2]].Phase, byName[nodes[2]].Reason));
        Assert.Equal("the number of failed nodes is 2/3, which exceeds the failure tolerance threshold", failed.Status.Reason);
        Assert.NotNull(failed.Status.CompletionTime);
        await ControllerCluster.UntilAsync(async () => (await Cluster.PodsAsync()).Count == 0, () => "the running node's pod is removed");
    }

    [Fact]
    public async Task AlwaysWithDeadline_NodeGoesOfflineMidPullAndTimesOut_WaitsAgainAndIsPulledWhenBack()
    {
        await using var clock = new PumpedClock();
        var nodes = Cluster.AddNodes(2);
        var kubelets = new CountingKubeletPuller(held: [nodes[1]]);
        Cluster.Server.Fleet.Puller = kubelets;
        await Cluster.StartControllerAsync(time: clock.Time);
        var job = Job("offline", nodes, new CompletionPolicy { ActiveDeadlineSeconds = 3600 }, concurrency: 2);
        job.Spec.ImagePrePullTemplate!.TimeoutSeconds = 60;
        await Cluster.CreateJobAsync(job);
        await Cluster.WaitForJobAsync("offline", j => j.Status?.Summary is { Successful: 1, InProgress: 1 }, "has one node done and one pulling");

        Cluster.Server.Fleet.SetReady(nodes[1], ready: false);
        await ControllerCluster.UntilAsync(
            () => Task.FromResult(Cluster.Logs.Collector.GetSnapshot().Any(r => r.Id.Id == 257 && r.Message.Contains(nodes[1] + " is now NotReady", StringComparison.Ordinal))),
            () => "the controller sees the node NotReady");
        clock.Time.Advance(TimeSpan.FromSeconds(60));
        var waiting = await Cluster.WaitForJobAsync("offline", j => j.Status?.NodeStatus?.Single(n => n.NodeName == nodes[1]).Reason == "waiting for the node to be Ready", "has the timed-out offline node waiting");
        Assert.Equal((JobPhases.InProgress, NodeTaskPhases.Pending), (waiting.Status!.Phase, waiting.Status.NodeStatus!.Single(n => n.NodeName == nodes[1]).Phase));

        kubelets.Open();
        Cluster.Server.Fleet.SetReady(nodes[1], ready: true);
        var done = await Cluster.WaitForPhaseAsync("offline", JobPhases.Completed);

        Assert.All(done.Status!.NodeStatus!, n => Assert.Equal(NodeTaskPhases.Successful, n.Phase));
        Assert.Equal(2, kubelets.Pulls[nodes[1]]);
    }

    [Fact]
    public async Task Never_LabelSelector_PullsOntoJoiningMatchingAndReturningNodesOnceAndStaysInProgress()
    {
        var kubelets = new CountingKubeletPuller(held: []);
        Cluster.Server.Fleet.Puller = kubelets;
        var first = Cluster.AddNodes(2, 0, Region);
        var other = Cluster.AddNodes(1, 0, "us")[0];
        await Cluster.StartControllerAsync();
        await Cluster.CreateJobAsync(SelectorJob("follow", new CompletionPolicy { Type = CompletionPolicyTypes.Never }));
        await Cluster.WaitForJobAsync("follow", j => j.Status?.Summary?.Successful == 2, "pulls onto the first two nodes");

        var joined = Cluster.AddNodes(2, 1, Region);
        await Cluster.Client.CoreV1.PatchNodeAsync(new V1Patch("{\"metadata\":{\"labels\":{\"" + RegionLabel + "\":\"" + Region + "\"}}}", V1Patch.PatchType.MergePatch), other, cancellationToken: ControllerCluster.Ct);
        var running = await Cluster.WaitForJobAsync("follow", j => j.Status?.Summary is { Successful: 4, Pending: 1 }, "pulls onto the joining Ready node and the relabelled one");
        Assert.Equal(JobPhases.InProgress, running.Status!.Phase);
        Assert.Equal("waiting for the node to be Ready", running.Status.NodeStatus!.Single(n => n.NodeName == joined[1]).Reason);

        Cluster.Server.Fleet.SetReady(joined[1], ready: true);
        var all = await Cluster.WaitForJobAsync("follow", j => j.Status?.Summary?.Successful == 5, "pulls onto the node that came back");

        Assert.Equal(JobPhases.InProgress, all.Status!.Phase);
        Assert.Equal(new JobSummary { Total = 5, Successful = 5 }, all.Status.Summary);
        Assert.Equal([.. first, other, .. joined], all.Status.NodeStatus!.Select(n => n.NodeName).Order(StringComparer.Ordinal));
        Assert.All(kubelets.Pulls, p => Assert.Equal(1, p.Value));
        Assert.Null(all.Status.CompletionTime);
    }

    [Fact]
    public async Task Never_NoNodeMatchesYet_StaysInProgressAndPullsTheFirstNodeThatMatches()
    {
        Cluster.AddNodes(1, 0, "us");
        await Cluster.StartControllerAsync();
        await Cluster.CreateJobAsync(SelectorJob("empty", new CompletionPolicy { Type = CompletionPolicyTypes.Never }));
        var empty = await Cluster.WaitForPhaseAsync("empty", JobPhases.InProgress);
        Assert.Equal(0, empty.Status!.Summary!.Total);

        var node = Cluster.AddNodes(1, 0, Region)[0];
        var running = await Cluster.WaitForJobAsync("empty", j => j.Status?.Summary?.Successful == 1, "pulls onto the node that matches");

        Assert.Equal((JobPhases.InProgress, node), (running.Status!.Phase, running.Status.NodeStatus!.Single().NodeName));
    }

    [Fact]
    public async Task Never_NodeNames_WaitsForAMissingNodeThenCompletesAtTheDeadline()
    {
        await using var clock = new PumpedClock();
        var nodes = Cluster.AddNodes(2);
        // The fleet numbers nodes across batches: the next one is "late-2".
        const string Late = "late-2";
        await Cluster.StartControllerAsync(time: clock.Time);
        await Cluster.CreateJobAsync(Job("names", [.. nodes, Late], new CompletionPolicy { Type = CompletionPolicyTypes.Never, ActiveDeadlineSeconds = 600 }));
        var waiting = await Cluster.WaitForJobAsync("names", j => j.Status?.Summary?.Successful == 2, "pulls onto the existing nodes");
        Assert.Equal((NodeTaskPhases.Pending, "waiting for the node to be Ready"), (waiting.Status!.NodeStatus![2].Phase, waiting.Status.NodeStatus[2].Reason));

        Assert.Equal(Late, Cluster.Server.Fleet.AddNodes(new NodeFleetOptions { NamePrefix = "late-" })[0]);
        await Cluster.WaitForJobAsync("names", j => j.Status?.Summary?.Successful == 3, "pulls onto the node once it exists");
        Assert.Equal(JobPhases.InProgress, (await Cluster.GetJobAsync("names"))!.Status!.Phase);

        clock.Time.Advance(TimeSpan.FromSeconds(600));
        var done = await Cluster.WaitForPhaseAsync("names", JobPhases.Completed);

        Assert.Equal(new JobSummary { Total = 3, Successful = 3 }, done.Status!.Summary);
    }

    [Fact]
    public async Task Never_ControllerRestarted_ResumesTakesNodesThatJoinedMeanwhileAndPullsNoNodeTwice()
    {
        var kubelets = new CountingKubeletPuller(held: []);
        Cluster.Server.Fleet.Puller = kubelets;
        Cluster.AddNodes(2, 0, Region);
        var first = await Cluster.StartControllerAsync();
        await Cluster.CreateJobAsync(SelectorJob("restart", new CompletionPolicy { Type = CompletionPolicyTypes.Never }));
        await Cluster.WaitForJobAsync("restart", j => j.Status?.Summary?.Successful == 2, "pulls onto the first two nodes");
        await Cluster.StopAsync(first);

        Cluster.AddNodes(2, 0, Region);
        await Cluster.StartControllerAsync();
        var resumed = await Cluster.WaitForJobAsync("restart", j => j.Status?.Summary?.Successful == 4, "pulls onto the nodes that joined while it was down");

        Assert.Equal(JobPhases.InProgress, resumed.Status!.Phase);
        Assert.Equal(4, kubelets.Pulls.Count);
        Assert.All(kubelets.Pulls, p => Assert.Equal(1, p.Value));
        Assert.Contains(await Cluster.EventsAsync("restart"), e => e.Message == "Resumed on 4 nodes (2 already finished)");
    }

    [Fact]
    public async Task Never_ThousandNodesJoin_EachPulledOnceSummaryExactAndStatusWithinBudget()
    {
        var kubelets = new CountingKubeletPuller(held: []);
        Cluster.Server.Fleet.Puller = kubelets;
        Cluster.AddNodes(10, 0, Region);
        await Cluster.StartControllerAsync();
        await Cluster.CreateJobAsync(SelectorJob("fleet", new CompletionPolicy { Type = CompletionPolicyTypes.Never }, concurrency: 100));
        await Cluster.WaitForJobAsync("fleet", j => j.Status?.Summary?.Successful == 10, "pulls onto the first ten nodes");

        for (var batch = 0; batch < 10; batch++)
        {
            Cluster.AddNodes(100, 0, Region);
        }

        var grown = await Cluster.WaitForJobAsync("fleet", j => j.Status?.Summary?.Successful == 1_010, "pulls onto the 1,000 joining nodes");

        Assert.Equal(JobPhases.InProgress, grown.Status!.Phase);
        Assert.Equal(new JobSummary { Total = 1_010, Successful = 1_010 }, grown.Status.Summary);
        Assert.Equal(1_010, kubelets.Pulls.Count);
        Assert.All(kubelets.Pulls, p => Assert.Equal(1, p.Value));
        // Above the detail limit successful nodes go to succeededNodes: the object stays far below 1 MiB.
        Assert.NotNull(grown.Status.SucceededNodes);
        Assert.True(KubernetesJson.Serialize(grown).Length < 256 * 1024, "the job's JSON stays within its budget");
    }

    [Fact]
    public async Task Never_JoiningNodeUsesTheJobsSecret_ItsDataReachesNoStatusLogOrEvent()
    {
        const string Password = "joining-node-pw-7f3a";
        await Cluster.CreateRegistrySecretAsync("default", "reg", "registry.local", "robot", Password);
        await Cluster.StartControllerAsync();
        var job = SelectorJob("secret", new CompletionPolicy { Type = CompletionPolicyTypes.Never });
        job.Spec.ImagePrePullTemplate!.Images = ["registry.local/edge/app:1"];
        job.Spec.ImagePrePullTemplate.PullSecrets = ["default/reg"];
        await Cluster.CreateJobAsync(job);
        await Cluster.WaitForPhaseAsync("secret", JobPhases.InProgress);

        var node = Cluster.AddNodes(1, 0, Region)[0];
        var running = await Cluster.WaitForJobAsync("secret", j => j.Status?.Summary?.Successful == 1, "pulls onto the joining node");

        // Planned with the job's secret like a node selected at the start: the pod carried it.
        Assert.Equal("default/reg", running.Status!.NodeStatus!.Single(n => n.NodeName == node).ImageStatus!.Single().Secret);
        Assert.DoesNotContain(Password, KubernetesJson.Serialize(running), StringComparison.Ordinal);
        Assert.DoesNotContain(Cluster.Logs.Collector.GetSnapshot(), r => (r.Message + r.Exception).Contains(Password, StringComparison.Ordinal));
        Assert.DoesNotContain(await Cluster.EventsAsync("secret"), e => e.Message.Contains(Password, StringComparison.Ordinal));
    }

    private static ImagePrePullJob Job(string name, IEnumerable<string> nodes, CompletionPolicy policy, int concurrency = 1)
    {
        var job = ControllerLifecycleTests.Job(name, nodes, concurrency);
        job.Spec.CompletionPolicy = policy;
        return job;
    }

    private static ImagePrePullJob SelectorJob(string name, CompletionPolicy policy, int concurrency = 2)
    {
        var job = Job(name, [], policy, concurrency);
        job.Spec.ImagePrePullTemplate!.NodeNames = null;
        job.Spec.ImagePrePullTemplate.LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [RegionLabel] = Region } };
        return job;
    }
}

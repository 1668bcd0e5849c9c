using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Tests.Scheduling;

/// <summary>
/// <see cref="SchedulerOptions.StreamSteps"/> off: the stream carries each node's dispatch and end only, while the
/// outcome and <see cref="JobRun.GetNodes"/> still show every finished step.
/// </summary>
public sealed class JobSchedulerStreamStepsTests
{
    private static readonly TimeSpan Patience = Eventually.Timeout;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Updates_WithoutSteps_StreamsDispatchAndEndOfEachNode()
    {
        var run = new JobScheduler(new FakePuller(), new SchedulerOptions { StreamSteps = false }, new TestClock())
            .Start(TestJobs.Nodes(2), new TestPlans("nginx:1.27", "redis:7"), TestJobs.Settings(), Ct);

        var updates = new List<NodeUpdate>();
        await foreach (var update in run.Updates.ReadAllAsync(Ct))
        {
            updates.Add(update);
        }

        Assert.Equal(
            [NodeUpdateKind.Dispatched, NodeUpdateKind.Finished, NodeUpdateKind.Dispatched, NodeUpdateKind.Finished],
            updates.Select(u => u.Kind));
        Assert.Equal(NodeTaskPhases.InProgress, updates[0].Node.Phase);
        var last = updates[^1].Node;
        Assert.Equal(NodeTaskPhases.Successful, last.Phase);
        Assert.Equal([NodeActions.Check, NodeActions.Pull], last.ActionFlow.Select(a => a.Action));
        Assert.Equal(["nginx:1.27", "redis:7"], last.Images.Select(i => i.Image));
        Assert.Equal(JobPhases.Completed, (await run.OutcomeAsync()).Phase);
    }

    [Fact]
    public async Task Start_WithoutStepsCheckFails_NodeKeepsItsFailedCheck()
    {
        var puller = new FakePuller { Check = _ => CheckResult.Failed("disk usage 93% exceeds 80%") };

        var node = (await new JobScheduler(puller, new SchedulerOptions { StreamSteps = false }, new TestClock())
            .Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27"), TestJobs.Settings(tolerate: 1m), Ct).OutcomeAsync()).Node("node1");

        Assert.Equal(NodeTaskPhases.Failure, node.Phase);
        var check = Assert.Single(node.ActionFlow);
        Assert.Equal(NodeActions.Check, check.Action);
        Assert.False(check.Succeeded);
        Assert.Equal("disk usage 93% exceeds 80%", check.Reason);
        Assert.Empty(puller.Pulls);
    }

    [Fact]
    public async Task GetNodes_WithoutSteps_ShowsTheFinishedStepsOfANodeInFlight()
    {
        var secondPullStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var puller = new FakePuller(async (r, _, ct) =>
        {
            if (r.Image == "redis:7")
            {
                secondPullStarted.TrySetResult();
                await release.Task.WaitAsync(ct);
            }

            return PullResult.Success("sha256:" + r.Image);
        });
        var run = new JobScheduler(puller, new SchedulerOptions { StreamSteps = false }, new TestClock())
            .Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27", "redis:7"), TestJobs.Settings(), Ct);

        await secondPullStarted.Task.WaitAsync(Patience, Ct);
        var during = Assert.Single(run.GetNodes());
        release.SetResult();
        var outcome = await run.OutcomeAsync();

        Assert.Equal(NodeTaskPhases.InProgress, during.Phase);
        Assert.Equal([NodeActions.Check], during.ActionFlow.Select(a => a.Action));
        Assert.Equal(["nginx:1.27"], during.Images.Select(i => i.Image));
        var after = outcome.Node("node1");
        Assert.Equal(NodeTaskPhases.Successful, after.Phase);
        Assert.Equal(["nginx:1.27", "redis:7"], after.Images.Select(i => i.Image));
    }
}

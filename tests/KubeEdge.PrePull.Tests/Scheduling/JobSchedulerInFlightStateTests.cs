using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Tests.Scheduling;

/// <summary>
/// With steps streamed (the default) the scheduler stores no snapshot per step of a node in flight (docs/design.md
/// §4 item 2): <see cref="JobRun.GetNodes"/> reads such a node from its run, and each step update builds the node's
/// state when read. Both must show what they showed when every step stored a snapshot.
/// </summary>
public sealed class JobSchedulerInFlightStateTests
{
    private static readonly TimeSpan Patience = Eventually.Timeout;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetNodes_StepsStreamed_ShowsANodeInFlightWithItsFinishedSteps()
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
        var run = new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(2), new TestPlans("nginx:1.27", "redis:7"), TestJobs.Settings(concurrency: 1), Ct);

        await secondPullStarted.Task.WaitAsync(Patience, Ct);
        var during = run.GetNodes();
        release.SetResult();
        var outcome = await run.OutcomeAsync();

        Assert.Equal(NodeTaskPhases.InProgress, during[0].Phase);
        Assert.Null(during[0].Reason);
        Assert.Equal([NodeActions.Check], during[0].ActionFlow.Select(a => a.Action));
        Assert.Equal(["nginx:1.27"], during[0].Images.Select(i => i.Image));
        Assert.Equal(NodeTaskPhases.Pending, during[1].Phase);
        Assert.All(outcome.Nodes, n => Assert.Equal(NodeTaskPhases.Successful, n.Phase));
    }

    [Fact]
    public async Task GetNodes_NodeDispatchedWithoutFinishedSteps_IsInProgress()
    {
        var checking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var puller = new BlockingCheckPuller(checking, release.Task);
        var run = new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27"), TestJobs.Settings(), Ct);

        await checking.Task.WaitAsync(Patience, Ct);
        var during = Assert.Single(run.GetNodes());
        release.SetResult();
        await run.OutcomeAsync();

        Assert.Equal(new NodeTaskResult("node1", NodeTaskPhases.InProgress, null, during.ActionFlow, during.Images), during);
        Assert.Empty(during.ActionFlow);
        Assert.Empty(during.Images);
    }

    [Fact]
    public async Task Updates_StepsStreamed_EachStepReadsAsTheNodeAfterIt()
    {
        var clock = new TestClock();
        // Pulls that wait, so that every step is streamed (a node that never waits streams its dispatch and end only).
        var puller = new FakePuller(async (r, _, _) =>
        {
            await Task.Yield();
            return PullResult.Success("sha256:" + r.Image);
        });
        var run = new JobScheduler(puller, timeProvider: clock)
            .Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27", "redis:7"), TestJobs.Settings(), Ct);

        var updates = new List<NodeUpdate>();
        await foreach (var update in run.Updates.ReadAllAsync(Ct))
        {
            updates.Add(update);
        }

        var dispatched = updates[0].Node;
        Assert.Equal(("node1", NodeTaskPhases.InProgress, (string?)null), (dispatched.NodeName, dispatched.Phase, dispatched.Reason));
        Assert.Empty(dispatched.ActionFlow);
        Assert.Empty(dispatched.Images);
        var checkFinished = updates[1].Node;
        Assert.Equal(NodeTaskPhases.InProgress, checkFinished.Phase);
        var check = Assert.Single(checkFinished.ActionFlow);
        Assert.Equal(new ActionResult(NodeActions.Check, true, null, clock.GetUtcNow()), check);
        Assert.Empty(checkFinished.Images);
        Assert.Equal([["nginx:1.27"], ["nginx:1.27", "redis:7"]], updates.Skip(2).Take(2).Select(u => u.Node.Images.Select(i => i.Image).ToArray()));
        Assert.All(updates.Skip(2).Take(2), u => Assert.Equal([check], u.Node.ActionFlow));
        Assert.Same(updates[3].Image, updates[3].Node.Images[^1]);
        // Read twice, the same state; the update's value equality is unchanged.
        Assert.Equal(updates[1].Node.ActionFlow, updates[1].Node.ActionFlow);
        Assert.Equal(updates[1], updates[1] with { });
        var replaced = updates[1] with { Node = NodeTaskResult.Pending("other") };
        Assert.Equal("other", replaced.Node.NodeName);
    }

    [Fact]
    public async Task Outcome_CheckThenPull_FlowReadsAsTwoActions()
    {
        var clock = new TestClock();
        var puller = new FakePuller((r, _, _) => ValueTask.FromResult(PullResult.Failure(PullFailureKind.NotFound, "not found")));
        var node = (await new JobScheduler(puller, timeProvider: clock)
            .Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27"), TestJobs.Settings(tolerate: 1m), Ct).OutcomeAsync()).Node("node1");

        Assert.Equal(2, node.ActionFlow.Count);
        Assert.Equal(
            [new ActionResult(NodeActions.Check, true, null, clock.GetUtcNow()), new ActionResult(NodeActions.Pull, false, SchedulerReasons.ImagePullFailures, clock.GetUtcNow())],
            node.ActionFlow);
        Assert.Equal(node.ActionFlow[1], node.ActionFlow[^1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => node.ActionFlow[2]);
    }

    /// <summary>Checks wait until the test lets them finish.</summary>
    private sealed class BlockingCheckPuller(TaskCompletionSource checking, Task release) : IImagePuller
    {
        public string Name => "blocking-check";

        public IReadOnlyCollection<string> SupportedCheckItems => CheckItems.All;

        public async ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken)
        {
            checking.TrySetResult();
            await release.WaitAsync(cancellationToken);
            return CheckResult.Passed;
        }

        public ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(PullResult.Success("sha256:x"));
    }
}

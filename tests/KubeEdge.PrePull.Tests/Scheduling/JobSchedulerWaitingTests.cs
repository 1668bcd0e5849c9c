using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Tests.Scheduling;

/// <summary>
/// The waiting mode of a run (issue 17 items 2 and 3): NotReady nodes wait, nodes join, the deadline ends the run.
/// Time is the fake clock.
/// </summary>
public sealed class JobSchedulerWaitingTests
{
    private static readonly TimeSpan Patience = Eventually.Timeout;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_DeadlineAndANodeWaitingForReady_DispatchesItOnceReadyAndCompletes()
    {
        using var clock = new TestClock();
        var puller = new FakePuller();
        IReadOnlyList<NodeTaskResult> nodes = [NodeTaskResult.Pending("node1"), Waiting("node2")];
        var run = new JobScheduler(puller, timeProvider: clock)
            .Start(nodes, new TestPlans("nginx:1.27"), Deadline(clock, TimeSpan.FromHours(1)), Ct);

        await Eventually.WaitUntilAsync(() => Task.FromResult(run.GetNodes()[0].Phase == NodeTaskPhases.Successful), () => "node1 succeeds", Patience, TimeSpan.FromMilliseconds(5));
        Assert.False(run.Completion.IsCompleted);
        Assert.Equal((NodeTaskPhases.Pending, SchedulerReasons.WaitingForReady), (run.GetNodes()[1].Phase, run.GetNodes()[1].Reason));

        Assert.True(run.SetNodeReady("node2", ready: true));
        var outcome = await run.OutcomeAsync();

        Assert.Equal(JobPhases.Completed, outcome.Phase);
        Assert.Equal(["node1", "node2"], puller.Pulls.Select(p => p.NodeName));
    }

    [Fact]
    public async Task Start_DeadlinePasses_WaitingNodeFailsNotReadyRunningNodeUnknownQueuedNodeUnknown()
    {
        using var clock = new TestClock();
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var puller = new FakePuller(async (r, _, ct) =>
        {
            started.TrySetResult(ct);
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return PullResult.Success("sha256:x");
        });
        IReadOnlyList<NodeTaskResult> nodes = [NodeTaskResult.Pending("node1"), NodeTaskResult.Pending("node2"), Waiting("node3")];
        var run = new JobScheduler(puller, timeProvider: clock)
            .Start(nodes, new TestPlans("nginx:1.27"), Deadline(clock, TimeSpan.FromSeconds(100), timeoutSeconds: 300), Ct);

        var token = await started.Task.WaitAsync(Patience, Ct);
        // The node's wait is capped at the deadline (100 s), not its timeout (300 s).
        await clock.WaitForTimersAsync(TimeSpan.FromSeconds(100), count: 2);
        clock.Advance(TimeSpan.FromSeconds(100));
        var outcome = await run.OutcomeAsync();

        Assert.True(token.IsCancellationRequested);
        Assert.Equal((NodeTaskPhases.Unknown, SchedulerReasons.DeadlinePassed), (outcome.Node("node1").Phase, outcome.Node("node1").Reason));
        Assert.Equal((NodeTaskPhases.Unknown, SchedulerReasons.DeadlinePassed), (outcome.Node("node2").Phase, outcome.Node("node2").Reason));
        Assert.Equal((NodeTaskPhases.Failure, "the node is not ready"), (outcome.Node("node3").Phase, outcome.Node("node3").Reason));
        Assert.Equal(1, outcome.DispatchedNodes);
        Assert.Equal(JobPhases.Failure, outcome.Phase);
        Assert.Equal("the number of failed nodes is 3/3, which exceeds the failure tolerance threshold", outcome.Reason);
    }

    [Fact]
    public async Task Start_NodeGoesOfflineAndTimesOut_WaitsAgainAndIsPulledWhenReady()
    {
        using var clock = new TestClock();
        var firstAttempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var puller = new FakePuller(async (r, attempt, ct) =>
        {
            if (attempt == 1)
            {
                firstAttempt.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }

            return PullResult.Success("sha256:x");
        });
        var run = new JobScheduler(puller, timeProvider: clock)
            .Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27"), Deadline(clock, TimeSpan.FromHours(1), timeoutSeconds: 30), Ct);

        await firstAttempt.Task.WaitAsync(Patience, Ct);
        run.SetNodeReady("node1", ready: false);
        await clock.WaitForTimersAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(30));
        await Eventually.WaitUntilAsync(() => Task.FromResult(run.GetNodes()[0].Reason == SchedulerReasons.WaitingForReady), () => "node1 waits again", Patience, TimeSpan.FromMilliseconds(5));
        Assert.Equal(NodeTaskPhases.Pending, run.GetNodes()[0].Phase);

        run.SetNodeReady("node1", ready: true);
        var outcome = await run.OutcomeAsync();

        Assert.Equal(NodeTaskPhases.Successful, outcome.Node("node1").Phase);
        Assert.Equal(2, puller.Pulls.Count);
        Assert.Equal(JobPhases.Completed, outcome.Phase);
    }

    [Fact]
    public async Task Start_KeepsRunning_TakesJoiningNodesNeverPullsASuccessfulOneAgainAndEndsAtTheDeadline()
    {
        using var clock = new TestClock();
        var puller = new FakePuller();
        var settings = Deadline(clock, TimeSpan.FromHours(1)) with { KeepsRunning = true };
        var run = new JobScheduler(puller, timeProvider: clock).Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27"), settings, Ct);

        await Eventually.WaitUntilAsync(() => Task.FromResult(run.GetNodes()[0].Phase == NodeTaskPhases.Successful), () => "node1 succeeds", Patience, TimeSpan.FromMilliseconds(5));
        Assert.Equal(2, run.AddNodes(["node2", "node3"], ready: true));
        Assert.Equal(1, run.AddNodes(["node1", "node4"], ready: false));
        await Eventually.WaitUntilAsync(() => Task.FromResult(run.GetNodes().Count(n => n.Phase == NodeTaskPhases.Successful) == 3), () => "the joining nodes succeed", Patience, TimeSpan.FromMilliseconds(5));
        Assert.False(run.Completion.IsCompleted);

        await clock.WaitForTimersAsync(TimeSpan.FromHours(1));
        clock.Advance(TimeSpan.FromHours(1));
        var outcome = await run.OutcomeAsync();

        Assert.Equal(["node1", "node2", "node3", "node4"], outcome.Nodes.Select(n => n.NodeName));
        Assert.Equal(1, puller.Pulls.Count(p => p.NodeName == "node1"));
        Assert.Equal((NodeTaskPhases.Failure, "the node is not ready"), (outcome.Node("node4").Phase, outcome.Node("node4").Reason));
        Assert.Equal(JobPhases.Failure, outcome.Phase);
    }

    [Fact]
    public async Task Start_KeepsRunningWithoutDeadline_EndsOnlyWhenCancelled()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = new JobScheduler(new FakePuller(), timeProvider: new TestClock())
            .Start(TestJobs.Nodes(2), new TestPlans("nginx:1.27"), TestJobs.Settings() with { KeepsRunning = true }, cancel.Token);

        await Eventually.WaitUntilAsync(() => Task.FromResult(run.GetNodes().All(n => n.Phase == NodeTaskPhases.Successful)), () => "both succeed", Patience, TimeSpan.FromMilliseconds(5));
        Assert.False(run.Completion.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.OutcomeAsync());
    }

    [Fact]
    public void AddNodes_RunThatDoesNotWait_Throws()
    {
        var run = new JobScheduler(new FakePuller(), timeProvider: new TestClock()).Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27"), TestJobs.Settings(), Ct);

        Assert.Throws<InvalidOperationException>(() => run.AddNodes(["node2"], ready: true));
    }

    private static NodeTaskResult Waiting(string name) => new(name, NodeTaskPhases.Pending, SchedulerReasons.WaitingForReady, [], []);

    private static JobSettings Deadline(TestClock clock, TimeSpan after, int timeoutSeconds = 300) =>
        TestJobs.Settings(timeoutSeconds: timeoutSeconds) with { Deadline = clock.GetUtcNow() + after };
}

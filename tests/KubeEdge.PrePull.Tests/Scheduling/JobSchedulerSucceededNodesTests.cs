using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Tests.Scheduling;

/// <summary>
/// A node that succeeds the common way (Check passed, every image pulled) is kept by the run as values and its
/// state is built when read (docs/design.md §4 item 2). Whoever reads it (its Finished update, GetNodes while the
/// job runs, the outcome) must see what a stored snapshot showed: the phase, both actions with their times, the
/// images.
/// </summary>
public sealed class JobSchedulerSucceededNodesTests
{
    private static readonly TimeSpan Patience = Eventually.Timeout;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SucceededNodes_FinishedUpdateAndOutcome_ShowTheSameStateWithTheClocksTimes()
    {
        // Every read of the clock moves it, so each node's Check and Pull carry their own times.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        var start = clock.GetUtcNow();
        var run = new JobScheduler(new FakePuller(), timeProvider: clock)
            .Start(TestJobs.Nodes(20), new TestPlans("nginx:1.27", "redis:7"), TestJobs.Settings(concurrency: 3), Ct);

        var finished = await FinishedNodesAsync(run);

        var outcome = await run.OutcomeAsync();
        var after = run.GetNodes();

        Assert.Equal(JobPhases.Completed, outcome.Phase);
        Assert.Equal(20, finished.Count);
        for (var i = 0; i < 20; i++)
        {
            var node = outcome.Nodes[i];
            Assert.Equal($"node{i + 1}", node.NodeName);
            Assert.Equal(NodeTaskPhases.Successful, node.Phase);
            Assert.Null(node.Reason);
            var check = node.ActionFlow[0];
            var pull = node.ActionFlow[1];
            Assert.Equal((NodeActions.Check, true, (string?)null), (check.Action, check.Succeeded, check.Reason));
            Assert.Equal((NodeActions.Pull, true, (string?)null), (pull.Action, pull.Succeeded, pull.Reason));
            Assert.Equal(2, node.ActionFlow.Count);
            Assert.InRange(check.Time, start, pull.Time.AddTicks(-1));
            Assert.Equal(TimeSpan.Zero, pull.Time.Offset);
            Assert.Equal(["nginx:1.27", "redis:7"], node.Images.Select(r => r.Image));
            Assert.All(node.Images, r => Assert.Equal("sha256:" + r.Image, r.ImageRef));
            SameState(node, finished[node.NodeName]);
            SameState(node, after[i]);
        }

        // Nodes differ in their times: each node's own state, not one shared.
        Assert.Equal(20, outcome.Nodes.Select(n => n.ActionFlow[1].Time).Distinct().Count());
    }

    [Fact]
    public async Task SucceededNode_ReadAgain_IsTheInstanceBuiltOnTheFirstRead()
    {
        // A status writer reads every node of a 100,000-node job once a second: the nodes are not built anew each time.
        var run = new JobScheduler(new FakePuller(), timeProvider: new TestClock())
            .Start(TestJobs.Nodes(12), new TestPlans("nginx:1.27"), TestJobs.Settings(concurrency: 2), Ct);
        var finished = await FinishedNodesAsync(run);

        var outcome = await run.OutcomeAsync();
        var first = run.GetNodes();
        var second = run.GetNodes();

        Assert.All(Enumerable.Range(0, 12), i =>
        {
            Assert.Same(finished[outcome.Nodes[i].NodeName], outcome.Nodes[i]);
            Assert.Same(outcome.Nodes[i], first[i]);
            Assert.Same(first[i], second[i]);
        });
    }

    [Fact]
    public async Task GetNodes_WhileTheJobRuns_ShowsTheNodesThatSucceeded_AndStaysTheCopyItWas()
    {
        var pullBlocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var puller = new FakePuller(async (r, _, ct) =>
        {
            if (r.NodeName == "node8")
            {
                pullBlocked.TrySetResult();
                await release.Task.WaitAsync(ct);
            }

            return PullResult.Success("sha256:" + r.Image);
        });
        var run = new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(10), new TestPlans("nginx:1.27"), TestJobs.Settings(concurrency: 1), Ct);

        await pullBlocked.Task.WaitAsync(Patience, Ct);
        var during = run.GetNodes();
        release.SetResult();
        var outcome = await run.OutcomeAsync();

        Assert.All(during.Take(7), n =>
        {
            Assert.Equal(NodeTaskPhases.Successful, n.Phase);
            Assert.Equal([NodeActions.Check, NodeActions.Pull], n.ActionFlow.Select(a => a.Action));
            Assert.Equal(["nginx:1.27"], n.Images.Select(r => r.Image));
        });
        Assert.Equal(NodeTaskPhases.InProgress, during[7].Phase);
        Assert.Equal([NodeActions.Check], during[7].ActionFlow.Select(a => a.Action));
        Assert.All(during.Skip(8), n => Assert.Equal(NodeTaskPhases.Pending, n.Phase));
        Assert.Equal(["node1", "node2", "node3", "node4", "node5", "node6", "node7", "node8", "node9", "node10"], during.Select(n => n.NodeName));
        Assert.All(outcome.Nodes, n => Assert.Equal(NodeTaskPhases.Successful, n.Phase));
    }

    [Fact]
    public async Task AClockWithAnOffset_KeepsItsOffsetInTheActionTimes()
    {
        var clock = new OffsetClock(TimeSpan.FromHours(2));
        var outcome = await new JobScheduler(new FakePuller(), timeProvider: clock)
            .Start(TestJobs.Nodes(8), new TestPlans("nginx:1.27"), TestJobs.Settings(concurrency: 2), Ct)
            .OutcomeAsync();

        Assert.All(outcome.Nodes, n =>
        {
            Assert.Equal(NodeTaskPhases.Successful, n.Phase);
            Assert.All(n.ActionFlow, a => Assert.Equal(clock.GetUtcNow(), a.Time));
        });
    }

    [Fact]
    public async Task FailedAndSucceededNodes_Mixed_KeepTheirOwnStatesAndTheFailureCount()
    {
        var puller = new FakePuller((r, _, _) => ValueTask.FromResult(
            r.NodeName is "node9" or "node14" ? PullResult.Failure(PullFailureKind.NotFound, "manifest unknown") : PullResult.Success("sha256:" + r.Image)));
        var outcome = await new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(15), new TestPlans("nginx:1.27"), TestJobs.Settings(concurrency: 2, tolerate: 0.2m), Ct)
            .OutcomeAsync();

        Assert.Equal(JobPhases.Completed, outcome.Phase);
        Assert.Equal(
            [.. Enumerable.Range(1, 15).Select(i => i is 9 or 14 ? NodeTaskPhases.Failure : NodeTaskPhases.Successful)],
            outcome.Nodes.Select(n => n.Phase));
        var failed = outcome.Node("node9");
        Assert.Equal([(NodeActions.Check, true), (NodeActions.Pull, false)], failed.ActionFlow.Select(a => (a.Action, a.Succeeded)));
        Assert.Contains("manifest unknown", Assert.Single(failed.Images).Reason, StringComparison.Ordinal);

        // Over the tolerance with one more failure: the count includes the nodes kept as values around them.
        var over = await new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(15), new TestPlans("nginx:1.27"), TestJobs.Settings(concurrency: 2, tolerate: 0.1m), Ct)
            .OutcomeAsync();
        Assert.Equal(JobPhases.Failure, over.Phase);
        Assert.Contains("2/15", over.Reason, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, NodeTaskResult>> FinishedNodesAsync(JobRun run)
    {
        var finished = new Dictionary<string, NodeTaskResult>();
        await foreach (var update in run.Updates.ReadAllAsync(Ct))
        {
            if (update.Kind == NodeUpdateKind.Finished)
            {
                finished.Add(update.Node.NodeName, update.Node);
            }
        }

        return finished;
    }

    private static void SameState(NodeTaskResult expected, NodeTaskResult actual)
    {
        Assert.Equal((expected.NodeName, expected.Phase, expected.Reason), (actual.NodeName, actual.Phase, actual.Reason));
        Assert.Equal(expected.ActionFlow, actual.ActionFlow);
        Assert.Equal(expected.Images, actual.Images);
    }

    /// <summary>A clock whose "UTC" answer carries an offset and does not move: the run must keep it as it is.</summary>
    private sealed class OffsetClock(TimeSpan offset) : TimeProvider
    {
        private readonly DateTimeOffset _now = new(2026, 1, 1, 12, 0, 0, offset);

        public override DateTimeOffset GetUtcNow() => _now;
    }
}

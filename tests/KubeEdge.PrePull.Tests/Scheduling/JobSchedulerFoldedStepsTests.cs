using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Tests.Scheduling;

/// <summary>
/// docs/design.md §2 "Progress": a node whose backend answers every step synchronously cannot be seen between its
/// steps, so its stream is its Dispatched and Finished updates only, the end holding every step. A node that waits
/// streams the steps it finished before the wait as the wait begins, and each later step as it happens.
/// </summary>
public sealed class JobSchedulerFoldedStepsTests
{
    private static readonly TimeSpan Patience = Eventually.Timeout;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Updates_BackendAnswersAtOnce_EachNodeStreamsItsDispatchAndItsEndWithEveryStep()
    {
        var run = new JobScheduler(new FakePuller(), timeProvider: new TestClock())
            .Start(TestJobs.Nodes(3), new TestPlans("nginx:1.27", "redis:7"), TestJobs.Settings(), Ct);

        var updates = await ReadAllAsync(run);

        Assert.Equal(
            [.. Enumerable.Range(1, 3).SelectMany(i => new[] { ($"node{i}", NodeUpdateKind.Dispatched), ($"node{i}", NodeUpdateKind.Finished) })],
            updates.Select(u => (u.Node.NodeName, u.Kind)));
        Assert.All(updates.Where(u => u.Kind == NodeUpdateKind.Finished), u =>
        {
            Assert.Equal(NodeTaskPhases.Successful, u.Node.Phase);
            Assert.Equal([NodeActions.Check, NodeActions.Pull], u.Node.ActionFlow.Select(a => a.Action));
            Assert.Equal(["nginx:1.27", "redis:7"], u.Node.Images.Select(i => i.Image));
        });
        Assert.Equal(JobPhases.Completed, (await run.OutcomeAsync()).Phase);
    }

    [Fact]
    public async Task Updates_CheckAnsweredAtOnceThenThePullWaits_TheCheckIsStreamedWhileThePullWaits()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var puller = new FakePuller(async (r, _, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return PullResult.Success("sha256:" + r.Image);
        });
        var run = new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27", "redis:7"), TestJobs.Settings(), Ct);

        var updates = new List<NodeUpdate>();
        await using var reader = run.Updates.ReadAllAsync(Ct).GetAsyncEnumerator(Ct);
        // The pull has not returned: what the stream shows now is what a status writer shows while the node waits.
        for (var i = 0; i < 2; i++)
        {
            Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Patience, Ct));
            updates.Add(reader.Current);
        }

        release.SetResult();
        while (await reader.MoveNextAsync().AsTask().WaitAsync(Patience, Ct))
        {
            updates.Add(reader.Current);
        }

        Assert.Equal(
            [NodeUpdateKind.Dispatched, NodeUpdateKind.CheckFinished, NodeUpdateKind.ImageFinished, NodeUpdateKind.ImageFinished, NodeUpdateKind.Finished],
            updates.Select(u => u.Kind));
        Assert.Equal([NodeActions.Check], updates[1].Node.ActionFlow.Select(a => a.Action));
        Assert.Equal(NodeTaskPhases.Successful, updates[^1].Node.Phase);
    }

    [Fact]
    public async Task Updates_CheckFailsAtOnce_TheNodeStreamsItsDispatchAndItsFailure()
    {
        var puller = new FakePuller { Check = _ => CheckResult.Failed("disk: 95% used") };
        var run = new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(2), new TestPlans("nginx:1.27"), TestJobs.Settings(tolerate: 1m), Ct);

        var updates = await ReadAllAsync(run);

        Assert.Equal(
            [("node1", NodeUpdateKind.Dispatched), ("node1", NodeUpdateKind.Finished), ("node2", NodeUpdateKind.Dispatched), ("node2", NodeUpdateKind.Finished)],
            updates.Select(u => (u.Node.NodeName, u.Kind)));
        var failed = updates[1].Node;
        Assert.Equal((NodeTaskPhases.Failure, "disk: 95% used"), (failed.Phase, failed.Reason));
        Assert.Equal([(NodeActions.Check, false)], failed.ActionFlow.Select(a => (a.Action, a.Succeeded)));
        Assert.Empty(puller.Pulls);
    }

    [Fact]
    public async Task Updates_BackendAnswersAtOnceButSlowly_EndsReachTheStreamAsTheJobGoes()
    {
        // Each pull answers synchronously but takes 100 ms of the job's clock; the fourth node's pull blocks its worker
        // until the reader has seen the first three nodes end: held updates go out after a short time, not only every
        // few dozen nodes or when the job ends.
        var clock = new TestClock();
        using var seen = new ManualResetEventSlim();
        var puller = new FakePuller((r, _, _) =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            if (r.NodeName == "node4" && !seen.Wait(Patience, Ct))
            {
                return ValueTask.FromResult(PullResult.Failure(PullFailureKind.Other, "the first nodes' ends never reached the stream"));
            }

            return ValueTask.FromResult(PullResult.Success("sha256:" + r.Image));
        });
        var run = new JobScheduler(puller, timeProvider: clock)
            .Start(TestJobs.Nodes(6), new TestPlans("nginx:1.27"), TestJobs.Settings(), Ct);

        var ended = new List<string>();
        await foreach (var update in run.Updates.ReadAllAsync(Ct))
        {
            if (update.Kind == NodeUpdateKind.Finished)
            {
                ended.Add(update.Node.NodeName);
                if (ended.Count == 3)
                {
                    seen.Set();
                }
            }
        }

        var outcome = await run.OutcomeAsync();
        Assert.Equal(["node1", "node2", "node3", "node4", "node5", "node6"], ended);
        Assert.All(outcome.Nodes, n => Assert.Equal(NodeTaskPhases.Successful, n.Phase));
    }

    private static async Task<List<NodeUpdate>> ReadAllAsync(JobRun run)
    {
        var updates = new List<NodeUpdate>();
        await foreach (var update in run.Updates.ReadAllAsync(Ct))
        {
            updates.Add(update);
        }

        return updates;
    }
}

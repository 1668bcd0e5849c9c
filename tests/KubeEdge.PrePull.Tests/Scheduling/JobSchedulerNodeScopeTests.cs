using System.Collections.Concurrent;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Tests.Scheduling;

/// <summary>The scheduler's side of <see cref="INodeScopedImagePuller"/>: Begin before Check, End after every close.</summary>
public sealed class JobSchedulerNodeScopeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_NodeScopedPuller_BeginsBeforeCheckAndEndsEveryNode()
    {
        var puller = new ScopedPuller();
        var outcome = await new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(3), new TestPlans("nginx:1.27"), TestJobs.Settings(concurrency: 2), Ct).OutcomeAsync();

        Assert.Equal(JobPhases.Completed, outcome.Phase);
        foreach (var node in new[] { "node1", "node2", "node3" })
        {
            var calls = puller.Calls.Where(c => c.EndsWith(node, StringComparison.Ordinal)).ToList();
            Assert.Equal(["begin " + node, "check " + node, "pull " + node, "end " + node], calls);
        }
    }

    [Fact]
    public async Task Start_NodeScopedPullerBeginThrows_NodeFailsWithReasonAndIsEnded()
    {
        var puller = new ScopedPuller { BeginFails = true };
        var outcome = await new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27"), TestJobs.Settings(tolerate: 1m), Ct).OutcomeAsync();

        var node = outcome.Node("node1");
        Assert.Equal(NodeTaskPhases.Failure, node.Phase);
        Assert.Equal("the node could not be set up: namespace is gone", node.Reason);
        Assert.Equal(["begin node1", "end node1"], puller.Calls);
    }

    [Fact]
    public async Task Start_NodeTimesOut_EndIsStillCalled()
    {
        using var clock = new TestClock();
        var puller = new ScopedPuller { Hang = true };
        var run = new JobScheduler(puller, timeProvider: clock)
            .Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27"), TestJobs.Settings(timeoutSeconds: 5, tolerate: 1m), Ct);

        await puller.Pulling.Task.WaitAsync(Eventually.Timeout, Ct);
        clock.Advance(TimeSpan.FromSeconds(6));
        var outcome = await run.OutcomeAsync();

        Assert.Equal(NodeTaskPhases.Unknown, outcome.Node("node1").Phase);
        Assert.Contains("end node1", puller.Calls);
    }

    [Fact]
    public async Task Start_JobCancelledMidNode_EndIsStillCalled()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var puller = new ScopedPuller { Hang = true };
        var run = new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27"), TestJobs.Settings(), cts.Token);

        await puller.Pulling.Task.WaitAsync(Eventually.Timeout, Ct);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.Completion.WaitAsync(Eventually.Timeout, Ct));

        Assert.Contains("end node1", puller.Calls);
    }

    private sealed class ScopedPuller : INodeScopedImagePuller
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public bool BeginFails { get; init; }

        public bool Hang { get; init; }

        public TaskCompletionSource Pulling { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "scoped";

        public IReadOnlyCollection<string> SupportedCheckItems => CheckItems.All;

        public ValueTask BeginNodeAsync(string nodeName, NodePlan plan, CancellationToken cancellationToken)
        {
            Calls.Enqueue("begin " + nodeName);
            return BeginFails ? ValueTask.FromException(new InvalidOperationException("namespace is gone")) : ValueTask.CompletedTask;
        }

        public ValueTask EndNodeAsync(string nodeName, CancellationToken cancellationToken)
        {
            Calls.Enqueue("end " + nodeName);
            return ValueTask.CompletedTask;
        }

        public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken)
        {
            Calls.Enqueue("check " + request.NodeName);
            return ValueTask.FromResult(CheckResult.Passed);
        }

        public async ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
        {
            Calls.Enqueue("pull " + request.NodeName);
            Pulling.TrySetResult();
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(cancellationToken);
            }

            return PullResult.Success("sha256:x");
        }
    }
}

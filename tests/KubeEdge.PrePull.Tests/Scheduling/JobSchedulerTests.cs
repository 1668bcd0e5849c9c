using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Tests.Scheduling;

public sealed class JobSchedulerTests
{
    private static readonly TimeSpan Patience = Eventually.Timeout;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_SlowPulls_NeverExceedsConcurrencyAndFillsEverySlot()
    {
        var started = new SemaphoreSlim(0);
        var gates = new System.Collections.Concurrent.ConcurrentQueue<TaskCompletionSource>();
        var puller = new FakePuller(async (r, _, ct) =>
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            gates.Enqueue(gate);
            started.Release();
            await gate.Task.WaitAsync(ct);
            return PullResult.Success("sha256:x");
        });
        var run = new JobScheduler(puller, timeProvider: new TestClock()).Start(TestJobs.Nodes(10), new TestPlans("nginx:1.27"), TestJobs.Settings(concurrency: 3), Ct);

        for (var i = 0; i < 3; i++)
        {
            Assert.True(await started.WaitAsync(Patience, Ct));
        }

        Assert.Equal(3, puller.InFlight);
        for (var released = 0; released < 10; released++)
        {
            Assert.True(gates.TryDequeue(out var gate));
            gate.SetResult();
            if (released < 7)
            {
                // Freeing one slot lets exactly one more node in: the slot is used again at once.
                Assert.True(await started.WaitAsync(Patience, Ct));
                Assert.Equal(3, puller.InFlight);
            }
        }

        var outcome = await run.OutcomeAsync();
        Assert.Equal(3, puller.MaxInFlight);
        Assert.Equal(10, puller.Pulls.Count);
        Assert.Equal(JobPhases.Completed, outcome.Phase);
        Assert.All(outcome.Nodes, n => Assert.Equal(NodeTaskPhases.Successful, n.Phase));
    }

    [Fact]
    public async Task Start_NodeHangsIgnoringToken_TimesOutFreesSlotAndOthersRun()
    {
        var clock = new TestClock();
        var hungToken = new TaskCompletionSource<CancellationToken>();
        var puller = new FakePuller(async (r, _, ct) =>
        {
            if (r.NodeName == "node1")
            {
                hungToken.TrySetResult(ct);
                await new TaskCompletionSource().Task; // never completes and ignores the token
            }

            return PullResult.Success("sha256:x");
        });
        var run = new JobScheduler(puller, timeProvider: clock)
            .Start(TestJobs.Nodes(3), new TestPlans("nginx:1.27"), TestJobs.Settings(concurrency: 1, timeoutSeconds: 120, tolerate: 0.5m), Ct);

        var token = await hungToken.Task.WaitAsync(Patience, Ct);
        await clock.WaitForTimersAsync(TimeSpan.FromSeconds(120));
        clock.Advance(TimeSpan.FromSeconds(120));
        var outcome = await run.OutcomeAsync();

        Assert.True(token.IsCancellationRequested);
        var hung = outcome.Node("node1");
        Assert.Equal(NodeTaskPhases.Unknown, hung.Phase);
        Assert.Equal("The node task has timed out", hung.Reason);
        Assert.Equal(NodeTaskPhases.Successful, outcome.Node("node2").Phase);
        Assert.Equal(NodeTaskPhases.Successful, outcome.Node("node3").Phase);
        Assert.Equal(JobPhases.Completed, outcome.Phase);
    }

    [Fact]
    public async Task Start_NextNodeOnSameWorker_TimesOutFromItsOwnDispatch()
    {
        using var clock = new TestClock();
        var firstPull = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondCancelledAt = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var puller = new FakePuller(async (r, _, ct) =>
        {
            if (r.NodeName == "node1")
            {
                await firstPull.Task;
            }
            else
            {
                ct.Register(() => secondCancelledAt.TrySetResult(clock.GetUtcNow()));
                secondStarted.TrySetResult();
                await new TaskCompletionSource().Task; // never completes and ignores the token
            }

            return PullResult.Success("sha256:x");
        });
        var start = clock.GetUtcNow();
        var run = new JobScheduler(puller, timeProvider: clock)
            .Start(TestJobs.Nodes(2), new TestPlans("nginx:1.27"), TestJobs.Settings(concurrency: 1, timeoutSeconds: 60, tolerate: 1m), Ct);

        // node1 waits from t=0 and finishes at t=30; the same worker then dispatches node2, due at t=90, not t=60.
        await clock.WaitForTimersAsync(TimeSpan.FromSeconds(60));
        clock.Advance(TimeSpan.FromSeconds(30));
        firstPull.SetResult();
        await secondStarted.Task.WaitAsync(Patience, Ct);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(secondCancelledAt.Task.IsCompleted);
        await clock.WaitForTimersAsync(TimeSpan.FromSeconds(30)); // aimed at node2's deadline, 30 s on
        clock.Advance(TimeSpan.FromSeconds(30));
        var outcome = await run.OutcomeAsync();

        Assert.Equal(start + TimeSpan.FromSeconds(90), await secondCancelledAt.Task.WaitAsync(Patience, Ct));
        Assert.Equal([NodeTaskPhases.Successful, NodeTaskPhases.Unknown], outcome.Nodes.Select(n => n.Phase));
    }

    [Fact]
    public async Task Start_NodeTimedOut_LaterNodesGetTokensThatAreNotCancelled()
    {
        var clock = new TestClock();
        var tokens = new System.Collections.Concurrent.ConcurrentDictionary<string, CancellationToken>();
        var puller = new FakePuller(async (r, _, ct) =>
        {
            tokens[r.NodeName] = ct;
            if (r.NodeName == "node2")
            {
                await new TaskCompletionSource().Task; // never completes and ignores the token
            }

            return PullResult.Success("sha256:x");
        });
        var run = new JobScheduler(puller, timeProvider: clock)
            .Start(TestJobs.Nodes(4), new TestPlans("nginx:1.27"), TestJobs.Settings(concurrency: 1, timeoutSeconds: 60, tolerate: 0.5m), Ct);

        await clock.WaitForTimersAsync(TimeSpan.FromSeconds(60));
        clock.Advance(TimeSpan.FromSeconds(60));
        var outcome = await run.OutcomeAsync();

        // One worker ran every node: the timed-out node's token is cancelled, and the nodes after it did not inherit it.
        Assert.True(tokens["node2"].IsCancellationRequested);
        Assert.False(tokens["node3"].IsCancellationRequested);
        Assert.False(tokens["node4"].IsCancellationRequested);
        Assert.Equal([NodeTaskPhases.Successful, NodeTaskPhases.Unknown, NodeTaskPhases.Successful, NodeTaskPhases.Successful], outcome.Nodes.Select(n => n.Phase));
    }

    [Fact]
    public async Task Start_TimedOutNodeAnswersLate_StaysUnknown()
    {
        using var clock = new TestClock();
        var hang = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondPull = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var puller = new FakePuller(async (r, _, _) =>
        {
            if (r.Image == "a:1")
            {
                await hang.Task; // ignores the token, answers after the timeout
            }
            else
            {
                secondPull.TrySetResult();
            }

            return PullResult.Success("sha256:late");
        });
        var run = new JobScheduler(puller, timeProvider: clock)
            .Start(TestJobs.Nodes(1), new TestPlans("a:1", "b:1"), TestJobs.Settings(timeoutSeconds: 10, tolerate: 1m), Ct);

        await clock.WaitForTimersAsync(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(10));
        var outcome = await run.OutcomeAsync();
        hang.SetResult();
        await secondPull.Task.WaitAsync(Patience, Ct); // the abandoned run recorded image a:1 before pulling b:1

        Assert.Equal(NodeTaskPhases.Unknown, outcome.Node("node1").Phase);
        var now = Assert.Single(run.GetNodes());
        Assert.Equal(NodeTaskPhases.Unknown, now.Phase);
        Assert.Empty(now.Images);
        var updates = new List<NodeUpdate>();
        while (run.Updates.TryRead(out var update))
        {
            updates.Add(update);
        }

        Assert.Equal(NodeUpdateKind.Finished, updates[^1].Kind);
        Assert.DoesNotContain(updates, u => u.Kind == NodeUpdateKind.ImageFinished);
    }

    // Issue 17 changed this on purpose: the tolerance no longer stops dispatching; as upstream v1alpha2, every node
    // runs and the tolerance decides the phase at the end.
    [Theory]
    [InlineData(0.2, JobPhases.Failure)]
    [InlineData(0.3, JobPhases.Completed)]
    public async Task Start_FailuresAgainstTolerance_DispatchesEveryNodeAndDecidesAtTheEnd(double tolerate, string phase)
    {
        string[] failing = ["node2", "node4", "node6"];
        var puller = new FakePuller((r, _, _) => ValueTask.FromResult(failing.Contains(r.NodeName)
            ? PullResult.Failure(PullFailureKind.NotFound, "manifest unknown")
            : PullResult.Success("sha256:x")));
        var run = new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(10), new TestPlans("nginx:1.27"), TestJobs.Settings(tolerate: (decimal)tolerate), Ct);

        var outcome = await run.OutcomeAsync();

        Assert.Equal(10, outcome.DispatchedNodes);
        Assert.Equal(10, puller.Pulls.Count);
        Assert.Equal(phase, outcome.Phase);
        Assert.All(outcome.Nodes, n => Assert.True(n.IsTerminal));
        Assert.Equal(7, outcome.Nodes.Count(n => n.Phase == NodeTaskPhases.Successful));
        if (phase == JobPhases.Failure)
        {
            // 3/10 = 0.3 > 0.2.
            Assert.Equal("the number of failed nodes is 3/10, which exceeds the failure tolerance threshold", outcome.Reason);
        }
        else
        {
            Assert.Null(outcome.Reason);
        }
    }

    // Issue 17: a rejected (e.g. NotReady) node used to exceed the default tolerance before any dispatch, so the good
    // nodes stayed Pending; now they run and the rejected node counts at the end.
    [Fact]
    public async Task Start_RejectedNodesAboveTolerance_StillDispatchesTheOthers()
    {
        IReadOnlyList<NodeTaskResult> nodes =
            [NodeTaskResult.Failed("node1", "the node is not ready"), .. TestJobs.Nodes(5).Skip(1)];
        var puller = new FakePuller();

        var outcome = await new JobScheduler(puller, timeProvider: new TestClock())
            .Start(nodes, new TestPlans("nginx:1.27"), TestJobs.Settings(tolerate: 0.1m), Ct).OutcomeAsync();

        Assert.Equal(4, outcome.DispatchedNodes);
        Assert.Equal(["node2", "node3", "node4", "node5"], puller.Pulls.Select(p => p.NodeName).Order(StringComparer.Ordinal));
        Assert.All(outcome.Nodes.Skip(1), n => Assert.Equal(NodeTaskPhases.Successful, n.Phase));
        Assert.Equal(JobPhases.Failure, outcome.Phase);
        Assert.Equal("the number of failed nodes is 1/5, which exceeds the failure tolerance threshold", outcome.Reason);
    }

    [Theory]
    [InlineData(PullFailureKind.NotFound, "not found")]
    [InlineData(PullFailureKind.Unauthorized, "unauthorized")]
    [InlineData(PullFailureKind.InvalidReference, "invalid reference")]
    public async Task Start_FirstFiveNodesFailTheSameImageForGood_StopsDispatchingAndFailsTheRest(PullFailureKind kind, string kindText)
    {
        var puller = new FakePuller((r, _, _) => ValueTask.FromResult(r.Image == "broken:1"
            ? PullResult.Failure(kind, "the registry said no")
            : PullResult.Success("sha256:x")));

        var outcome = await new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(12), new TestPlans("nginx:1.27", "broken:1"), TestJobs.Settings(tolerate: 1m), Ct).OutcomeAsync();

        Assert.Equal(5, outcome.DispatchedNodes);
        Assert.Equal(5, puller.Pulls.Count(p => p.Image == "broken:1"));
        Assert.All(outcome.Nodes.Take(5), n => Assert.Equal("there were some failures when pulling images", n.Reason));
        Assert.All(outcome.Nodes.Skip(5), n =>
        {
            Assert.Equal(NodeTaskPhases.Failure, n.Phase);
            Assert.Equal($"not started: the first 5 nodes all failed to pull image broken:1 ({kindText})", n.Reason);
            Assert.Empty(n.ActionFlow);
        });
        // A tolerance of 1 tolerates everything, yet the job stopped: the breaker is not the tolerance.
        Assert.Equal(JobPhases.Failure, outcome.Phase);
        Assert.Equal("dispatching stopped: the first 5 nodes all failed to pull image broken:1 (" + kindText + ")", outcome.Reason);
    }

    [Fact]
    public async Task Start_FirstFiveNodesFailOnDifferentImagesOrTransiently_DispatchesEveryNode()
    {
        // node1-node3 fail on a.1 (not found), node4 on b:1 (not found), node5 on a:1 unreachable: no common permanent failure.
        var puller = new FakePuller((r, _, _) => ValueTask.FromResult(
            (r.NodeName, r.Image) switch
            {
                ("node1" or "node2" or "node3", "a:1") => PullResult.Failure(PullFailureKind.NotFound, "manifest unknown"),
                ("node4", "b:1") => PullResult.Failure(PullFailureKind.NotFound, "manifest unknown"),
                ("node5", "a:1") => PullResult.Failure(PullFailureKind.RegistryUnreachable, "connection refused"),
                _ => PullResult.Success("sha256:x"),
            }));

        var outcome = await new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(8), new TestPlans("a:1", "b:1"), TestJobs.Settings(tolerate: 1m), Ct).OutcomeAsync();

        Assert.Equal(8, outcome.DispatchedNodes);
        Assert.All(outcome.Nodes.Skip(5), n => Assert.Equal(NodeTaskPhases.Successful, n.Phase));
        Assert.Equal(JobPhases.Completed, outcome.Phase);
    }

    [Fact]
    public async Task Start_ImageFailsTwiceThenSucceeds_RetriesWithBackoffOnTheClock()
    {
        var clock = new TestClock();
        var attemptTimes = new System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset>();
        var puller = new FakePuller((r, attempt, _) =>
        {
            attemptTimes.Enqueue(clock.GetUtcNow());
            return ValueTask.FromResult(attempt <= 2
                ? PullResult.Failure(PullFailureKind.RegistryUnreachable, "connection refused")
                : PullResult.Success("sha256:abc", "default/harbor"));
        });
        var run = new JobScheduler(puller, null, clock, () => 0).Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27"), TestJobs.Settings(retryTimes: 2), Ct);

        await clock.WaitForTimersAsync(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        await clock.WaitForTimersAsync(TimeSpan.FromSeconds(2));
        clock.Advance(TimeSpan.FromSeconds(2));
        var outcome = await run.OutcomeAsync();

        var node = outcome.Node("node1");
        Assert.Equal(NodeTaskPhases.Successful, node.Phase);
        var image = Assert.Single(node.Images);
        Assert.True(image.Succeeded);
        Assert.Equal(3, image.Attempts);
        Assert.Equal("sha256:abc", image.ImageRef);
        Assert.Equal("default/harbor", image.Secret);
        var times = attemptTimes.ToArray();
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], [times[1] - times[0], times[2] - times[1]]);
    }

    [Fact]
    public async Task Start_RetriesExhausted_ImageFailsWithLastReason()
    {
        var clock = new TestClock();
        var puller = new FakePuller((_, attempt, _) => ValueTask.FromResult(PullResult.Failure(PullFailureKind.NotFound, $"attempt {attempt}: not found")));
        var run = new JobScheduler(puller, null, clock, () => 0).Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27"), TestJobs.Settings(retryTimes: 1, tolerate: 1m), Ct);

        await clock.WaitForTimersAsync(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        var node = (await run.OutcomeAsync()).Node("node1");

        Assert.Equal(NodeTaskPhases.Failure, node.Phase);
        Assert.Equal("attempt 2: not found", Assert.Single(node.Images).Reason);
        Assert.Equal("there were some failures when pulling images", node.Reason);
        Assert.Equal(2, puller.Pulls.Count);
    }

    [Fact]
    public async Task Start_PullerThrowsWithSecretInMessage_ImageFailsWithoutSecret()
    {
        var credential = new PullCredential("default/harbor", "harbor.example.com", "robot", "s3cr3t-pass");
        var plan = new NodePlan([new ImagePlan("app:v1", "harbor.example.com/app:v1", [credential])]);
        var puller = new FakePuller((_, _, _) => throw new InvalidOperationException("login robot:s3cr3t-pass rejected"));

        var outcome = await new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(2), new TestPlans(plan), TestJobs.Settings(concurrency: 2, tolerate: 1m), Ct).OutcomeAsync();

        Assert.Equal(JobPhases.Completed, outcome.Phase);
        Assert.All(outcome.Nodes, n =>
        {
            Assert.Equal(NodeTaskPhases.Failure, n.Phase);
            var reason = Assert.Single(n.Images).Reason!;
            Assert.Contains("rejected", reason, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t-pass", reason, StringComparison.Ordinal);
            Assert.DoesNotContain("robot", reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Start_PlanError_FailsImageWithoutPullingAndAddsCredentialWarning()
    {
        var plan = new NodePlan(
        [
            new ImagePlan("app:v1", null, [], "rule 2 (Tag replace) made an invalid reference") { CredentialWarning = "secret default/missing was skipped: not found" },
            new ImagePlan("nginx:1.27", "nginx:1.27", []),
        ]);
        var puller = new FakePuller();

        var node = (await new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(1), new TestPlans(plan), TestJobs.Settings(tolerate: 1m), Ct).OutcomeAsync()).Node("node1");

        Assert.Equal(NodeTaskPhases.Failure, node.Phase);
        Assert.Equal(["nginx:1.27"], puller.Pulls.Select(p => p.Image));
        var failed = node.Images[0];
        Assert.Equal(0, failed.Attempts);
        Assert.Equal("rule 2 (Tag replace) made an invalid reference (secret default/missing was skipped: not found)", failed.Reason);
        Assert.True(node.Images[1].Succeeded);
    }

    [Fact]
    public async Task Start_CheckItemTheBackendCannotCheck_FailsCheckWithoutPulling()
    {
        var puller = new FakePuller { SupportedCheckItems = [CheckItems.Disk] };

        var node = (await new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27"), TestJobs.Settings(tolerate: 1m, checkItems: [CheckItems.Disk, CheckItems.Mem]), Ct).OutcomeAsync()).Node("node1");

        Assert.Equal(NodeTaskPhases.Failure, node.Phase);
        Assert.Equal("the fake backend cannot check mem", node.Reason);
        var check = Assert.Single(node.ActionFlow);
        Assert.Equal((NodeActions.Check, false), (check.Action, check.Succeeded));
        Assert.Empty(puller.Pulls);
        Assert.Empty(puller.Checks);
    }

    [Fact]
    public async Task Start_CheckFails_NodeFailsWithTheCheckReason()
    {
        var puller = new FakePuller { Check = r => CheckResult.Failed($"disk usage 91% on {r.NodeName} is above 80%") };

        var node = (await new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27"), TestJobs.Settings(tolerate: 1m), Ct).OutcomeAsync()).Node("node1");

        Assert.Equal("disk usage 91% on node1 is above 80%", node.Reason);
        Assert.Equal(80, Assert.Single(puller.Checks).Thresholds.DiskPercent);
        Assert.Empty(puller.Pulls);
    }

    [Fact]
    public async Task Start_JobCancelled_CancelsInFlightWorkAndStopsDispatching()
    {
        var seen = new TaskCompletionSource<CancellationToken>();
        var puller = new FakePuller(async (_, _, ct) =>
        {
            seen.TrySetResult(ct);
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return PullResult.Success("sha256:x");
        });
        using var cancellation = new CancellationTokenSource();
        var run = new JobScheduler(puller, timeProvider: new TestClock()).Start(TestJobs.Nodes(5), new TestPlans("nginx:1.27"), TestJobs.Settings(), cancellation.Token);

        var token = await seen.Task.WaitAsync(Patience, Ct);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.OutcomeAsync());
        Assert.True(token.IsCancellationRequested);
        Assert.Single(puller.Pulls);
        Assert.Equal(NodeTaskPhases.Pending, run.GetNodes()[4].Phase);
    }

    [Fact]
    public async Task Start_ResumedStatus_RunsOnlyNonTerminalNodes()
    {
        IReadOnlyList<NodeTaskResult> nodes =
        [
            NodeTaskResult.Pending("node1") with { Phase = NodeTaskPhases.Successful },
            NodeTaskResult.Failed("node2", "the node is not ready"),
            NodeTaskResult.Pending("node3") with { Phase = NodeTaskPhases.InProgress },
            NodeTaskResult.Pending("node4"),
        ];
        var puller = new FakePuller();

        var outcome = await new JobScheduler(puller, timeProvider: new TestClock())
            .Start(nodes, new TestPlans("nginx:1.27"), TestJobs.Settings(tolerate: 0.5m), Ct).OutcomeAsync();

        Assert.Equal(["node3", "node4"], puller.Pulls.Select(p => p.NodeName).Order());
        Assert.Equal(2, outcome.DispatchedNodes);
        Assert.Equal("the node is not ready", outcome.Node("node2").Reason);
        Assert.Equal(JobPhases.Completed, outcome.Phase);
    }

    [Fact]
    public async Task Updates_OneNode_StreamsEveryStepThenCompletes()
    {
        // Pulls that wait: a node that ends without waiting streams only its dispatch and end (JobSchedulerFoldedStepsTests).
        var puller = new FakePuller(async (r, _, _) =>
        {
            await Task.Yield();
            return PullResult.Success("sha256:" + r.Image);
        });
        var run = new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27", "redis:7"), TestJobs.Settings(), Ct);

        var updates = new List<NodeUpdate>();
        await foreach (var update in run.Updates.ReadAllAsync(Ct))
        {
            updates.Add(update);
        }

        Assert.Equal(
            [NodeUpdateKind.Dispatched, NodeUpdateKind.CheckFinished, NodeUpdateKind.ImageFinished, NodeUpdateKind.ImageFinished, NodeUpdateKind.Finished],
            updates.Select(u => u.Kind));
        Assert.Equal(["nginx:1.27", "redis:7"], updates.Where(u => u.Image is not null).Select(u => u.Image!.Image));
        var last = updates[^1].Node;
        Assert.Equal(NodeTaskPhases.Successful, last.Phase);
        Assert.Equal([NodeActions.Check, NodeActions.Pull], last.ActionFlow.Select(a => a.Action));
        Assert.Equal(JobPhases.Completed, (await run.OutcomeAsync()).Phase);
    }

    [Fact]
    public async Task Start_ImageParallelism_KeepsSpecOrderInResults()
    {
        var puller = new FakePuller(async (r, _, _) =>
        {
            await Task.Yield();
            return PullResult.Success("sha256:" + r.Image);
        });
        var options = new SchedulerOptions { ImageParallelism = 3 };

        var node = (await new JobScheduler(puller, options, new TestClock())
            .Start(TestJobs.Nodes(1), new TestPlans("a:1", "b:1", "c:1", "d:1"), TestJobs.Settings(), Ct).OutcomeAsync()).Node("node1");

        Assert.Equal(["a:1", "b:1", "c:1", "d:1"], node.Images.Select(i => i.Image));
        Assert.True(puller.MaxInFlight <= 3);
    }

    [Theory]
    [InlineData(1234)]
    [InlineData(4999)]
    public void Start_ManyNodesOneRepeatedFarApart_ThrowsNamingIt(int repeated)
    {
        var scheduler = new JobScheduler(new FakePuller());
        IReadOnlyList<NodeTaskResult> nodes = [.. TestJobs.Nodes(5000), NodeTaskResult.Pending($"node{repeated}")];

        var error = Assert.Throws<ArgumentException>(() => scheduler.Start(nodes, new TestPlans("x:1"), TestJobs.Settings(), Ct));

        Assert.Contains($"\"node{repeated}\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ManyDistinctNodes_RunsThemAll()
    {
        var outcome = await new JobScheduler(new FakePuller(), timeProvider: new TestClock())
            .Start(TestJobs.Nodes(5000), new TestPlans("x:1"), TestJobs.Settings(concurrency: 50), Ct).OutcomeAsync();

        Assert.Equal(5000, outcome.DispatchedNodes);
        Assert.Equal(JobPhases.Completed, outcome.Phase);
    }

    [Fact]
    public void Start_DuplicateNodeNames_ThrowsNamingTheNode()
    {
        var scheduler = new JobScheduler(new FakePuller());

        var error = Assert.Throws<ArgumentException>(() => scheduler.Start([NodeTaskResult.Pending("a"), NodeTaskResult.Pending("a")], new TestPlans("x:1"), TestJobs.Settings(), Ct));

        Assert.Contains("\"a\"", error.Message, StringComparison.Ordinal);
    }
}

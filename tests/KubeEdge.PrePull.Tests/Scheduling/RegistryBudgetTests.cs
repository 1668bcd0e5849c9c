using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Tests.Scheduling;

/// <summary>The fleet-wide pull budget per registry and the 429 back-off (docs/design.md §2 "Registry budget").</summary>
public sealed class RegistryBudgetTests
{
    private const string Harbor = "harbor.example.com";
    private const string HarborImage = "harbor.example.com/edge/app:1";
    private const string QuayImage = "quay.io/edge/tool:1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("nginx", "docker.io")]
    [InlineData("docker.io/library/nginx:1.27", "docker.io")]
    [InlineData("index.docker.io/library/nginx", "docker.io")]
    [InlineData("registry-1.docker.io/x/y:1", "docker.io")]
    [InlineData("edge/app:1", "docker.io")]
    [InlineData("localhost/app:1", "localhost")]
    [InlineData("127.0.0.1:5000/a/b:1", "127.0.0.1:5000")]
    [InlineData("Harbor.Example.com/a@sha256:0123456789012345678901234567890123456789012345678901234567890123", "Harbor.Example.com")]
    public void RegistryOf_SplitsTheHostAsTheKubelet(string image, string registry) =>
        Assert.Equal(registry, RegistryBudget.RegistryOf(image));

    [Fact]
    public void Constructor_KeysAreHostsInAnySpelling()
    {
        var budget = new RegistryBudget(new Dictionary<string, int> { ["HARBOR.example.com"] = 4, ["127.0.0.1_5000"] = 2, ["index.docker.io"] = 1 }, defaultLimit: 7);

        Assert.Equal(4, budget.LimitOf(Harbor));
        Assert.Equal(2, budget.LimitOf("127.0.0.1:5000"));
        Assert.Equal(1, budget.LimitOf("docker.io"));
        Assert.Equal(7, budget.LimitOf("quay.io"));
    }

    [Theory]
    [InlineData("https://harbor.example.com", 1, "limits[\"https://harbor.example.com\"]: a registry host is a DNS name")]
    [InlineData("harbor.example.com/edge", 1, "limits[\"harbor.example.com/edge\"]: a registry host is a DNS name")]
    [InlineData("harbor:99999", 1, "limits[\"harbor:99999\"]: the port must be a number from 1 to 65535")]
    [InlineData("harbor.example.com", -1, "limits[\"harbor.example.com\"]: -1 is outside the allowed range 0 to 10000")]
    [InlineData("harbor.example.com", 10_001, "limits[\"harbor.example.com\"]: 10001 is outside the allowed range 0 to 10000")]
    public void Constructor_BadEntry_NamesTheKey(string key, int limit, string message)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new RegistryBudget(new Dictionary<string, int> { [key] = limit }));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SameRegistryTwice_NamesTheSecondKey()
    {
        var error = Assert.Throws<ArgumentException>(() => new RegistryBudget(new Dictionary<string, int> { ["docker.io"] = 1, ["index.docker.io"] = 2 }));

        Assert.StartsWith("limits[\"index.docker.io\"]: names the registry docker.io again.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TwoJobsShareOneBudget_NeverMoreInFlightToARegistryThanItsLimit()
    {
        using var clock = new TestClock();
        var budget = new RegistryBudget(new Dictionary<string, int> { [Harbor] = 2 }, timeProvider: clock);
        var puller = new GatedPuller();
        var plans = new TestPlans(HarborImage, QuayImage);
        var settings = TestJobs.Settings(concurrency: 5, tolerate: 1m, checkItems: []);
        var first = new JobScheduler(puller, new SchedulerOptions { ImageParallelism = 2 }, clock) { RegistryBudget = budget }.Start(TestJobs.Nodes(5), plans, settings, Ct);
        var second = new JobScheduler(puller, new SchedulerOptions { ImageParallelism = 2 }, clock) { RegistryBudget = budget }
            .Start([.. Enumerable.Range(1, 5).Select(i => NodeTaskResult.Pending($"other{i}"))], plans, settings, Ct);

        // 20 pulls in all: answer whatever is in flight until every job is done, checking the cap at every step.
        var answered = 0;
        while (answered < 20)
        {
            await Eventually.WaitUntilAsync(() => !puller.Pending.IsEmpty, () => $"a pull is in flight ({answered} answered)");
            Assert.InRange(budget.InFlight(Harbor), 0, 2);
            answered += puller.AnswerAll(r => PullResult.Success("sha256:" + r.ResolvedImage));
        }

        var outcomes = await Task.WhenAll(first.OutcomeAsync(), second.OutcomeAsync());

        Assert.All(outcomes, o => Assert.Equal(JobPhases.Completed, o.Phase));
        Assert.Equal(2, puller.MaxInFlight(Harbor));
        // The other registry has no cap: its images never waited for harbor's slots.
        Assert.True(puller.MaxInFlight("quay.io") > 2, $"quay.io had at most {puller.MaxInFlight("quay.io")} pulls in flight");
        Assert.Equal(0, budget.InFlight(Harbor));
        Assert.Equal(0, budget.Waiting(Harbor));
    }

    [Fact]
    public async Task Start_TwoJobsOf500Nodes_CapHoldsAtEveryPull()
    {
        var budget = new RegistryBudget(new Dictionary<string, int> { [Harbor] = 25 });
        var inFlight = 0;
        var max = 0;
        var puller = new FakePuller(async (_, _, _) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref max, now);
            await Task.Yield();
            Interlocked.Decrement(ref inFlight);
            return PullResult.Success("sha256:1");
        });
        var settings = TestJobs.Settings(concurrency: 200, checkItems: []);
        var runs = new[] { "a", "b" }.Select(job => new JobScheduler(puller) { RegistryBudget = budget }
            .Start([.. Enumerable.Range(0, 500).Select(i => NodeTaskResult.Pending($"{job}-{i}"))], new TestPlans(HarborImage), settings, Ct)).ToList();

        var outcomes = await Task.WhenAll(runs.Select(r => r.OutcomeAsync()));

        Assert.All(outcomes, o => Assert.Equal(500, o.Nodes.Count(n => n.Phase == NodeTaskPhases.Successful)));
        Assert.InRange(max, 1, 25);
        Assert.Equal(0, budget.InFlight(Harbor));
    }

    [Fact]
    public async Task Start_ImageWaitsForItsRegistry_TheNodesImagesFromOtherRegistriesGoFirst()
    {
        using var clock = new TestClock();
        var budget = new RegistryBudget(new Dictionary<string, int> { [Harbor] = 1 }, timeProvider: clock);
        var puller = new GatedPuller();
        var holder = new JobScheduler(puller, null, clock) { RegistryBudget = budget }
            .Start([NodeTaskResult.Pending("holder")], new TestPlans(HarborImage), TestJobs.Settings(checkItems: []), Ct);
        await Eventually.WaitUntilAsync(() => puller.InFlight(Harbor) == 1, "another job holds harbor's slot");
        var run = new JobScheduler(puller, null, clock) { RegistryBudget = budget }
            .Start(TestJobs.Nodes(1), new TestPlans(HarborImage, QuayImage), TestJobs.Settings(checkItems: []), Ct);

        // The node pulls its quay image meanwhile instead of waiting for harbor in spec order.
        await Eventually.WaitUntilAsync(() => puller.InFlight("quay.io") == 1, () => $"the quay image is pulled ({puller.Pending.Count} pulls in flight)");
        Assert.Equal(1, puller.InFlight(Harbor));
        // Its harbor image comes next, after the quay pull: it does not wait yet.
        Assert.Equal(0, budget.Waiting(Harbor));
        puller.AnswerAll(r => PullResult.Success("sha256:" + r.ResolvedImage));
        while (!run.Completion.IsCompleted)
        {
            await Eventually.WaitUntilAsync(() => !puller.Pending.IsEmpty || run.Completion.IsCompleted, "a pull or the end");
            puller.AnswerAll(r => PullResult.Success("sha256:" + r.ResolvedImage));
        }

        var outcome = await run.OutcomeAsync();
        await holder.OutcomeAsync();

        // Still reported in spec order.
        Assert.All(outcome.Nodes, n => Assert.Equal([HarborImage, QuayImage], n.Images.Select(i => i.Image)));
        Assert.Equal(JobPhases.Completed, outcome.Phase);
    }

    [Fact]
    public async Task Start_ImageWaitsForASlot_ShowsUnknownWithTheReasonUntilItGetsOne()
    {
        using var clock = new TestClock();
        var listener = new RecordingListener();
        var budget = new RegistryBudget(new Dictionary<string, int> { [Harbor] = 1 }, timeProvider: clock, listener: listener);
        var puller = new GatedPuller();
        var run = new JobScheduler(puller, null, clock) { RegistryBudget = budget }
            .Start(TestJobs.Nodes(2), new TestPlans(HarborImage), TestJobs.Settings(concurrency: 2, checkItems: []), Ct);

        await Eventually.WaitUntilAsync(() => budget.Waiting(Harbor) == 1, "one image waits for harbor's slot");
        var waiting = run.GetNodes().Single(n => n.Images.Count > 0);
        var image = Assert.Single(waiting.Images);
        Assert.True(image.Waiting);
        Assert.Equal("waiting for a pull slot of registry harbor.example.com (its budget of 1 pulls in flight is in use)", image.Reason);
        Assert.Equal(NodeTaskPhases.InProgress, waiting.Phase);
        Assert.Equal([("start", Harbor, RegistryWaitCause.Slot)], listener.Events);

        puller.AnswerAll(r => PullResult.Success("sha256:1"));
        await Eventually.WaitUntilAsync(() => puller.Calls == 2, "the waiting image is pulled");
        Assert.DoesNotContain(run.GetNodes().SelectMany(n => n.Images), i => i.Waiting);
        puller.AnswerAll(r => PullResult.Success("sha256:1"));
        var outcome = await run.OutcomeAsync();

        Assert.Equal(JobPhases.Completed, outcome.Phase);
        Assert.Equal([("start", Harbor, RegistryWaitCause.Slot), ("end", Harbor, RegistryWaitCause.Slot)], listener.Events);
    }

    [Fact]
    public async Task Start_RegistryAnswers429WithRetryAfter_NoPullGoesThereUntilItEnds_ThenAllSucceedWithoutUsingRetries()
    {
        using var clock = new TestClock();
        var listener = new RecordingListener();
        var budget = new RegistryBudget(timeProvider: clock, listener: listener);
        var puller = new GatedPuller();
        var plans = new TestPlans(HarborImage, QuayImage);
        var run = new JobScheduler(puller, new SchedulerOptions { ImageParallelism = 2 }, clock) { RegistryBudget = budget }
            .Start(TestJobs.Nodes(1), plans, TestJobs.Settings(concurrency: 1, retryTimes: 0, checkItems: []), Ct);
        var other = new JobScheduler(puller, null, clock) { RegistryBudget = budget }
            .Start([NodeTaskResult.Pending("late")], new TestPlans(HarborImage), TestJobs.Settings(concurrency: 1, retryTimes: 0, checkItems: []), Ct);

        // Both harbor pulls and the quay pull go out; harbor refuses the first with Retry-After 30 s.
        await Eventually.WaitUntilAsync(() => puller.Pending.Count == 3, "three pulls are in flight");
        var harborPulls = puller.Pending.Where(p => p.Request.ResolvedImage == HarborImage).ToList();
        harborPulls[0].Answer.SetResult(PullResult.Failure(PullFailureKind.RateLimited, "toomanyrequests") with { RetryAfter = TimeSpan.FromSeconds(30) });
        await Eventually.WaitUntilAsync(() => budget.BackedOffUntil(Harbor) is not null, "harbor is backed off");
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(30), budget.BackedOffUntil(Harbor));

        // The pull in flight then fails the same way; neither is tried again before the back-off ends, quay goes on.
        harborPulls[1].Answer.SetResult(PullResult.Failure(PullFailureKind.RateLimited, "toomanyrequests"));
        await Eventually.WaitUntilAsync(() => budget.Waiting(Harbor) == 2, "both harbor images wait");
        puller.Pending.Where(p => p.Request.ResolvedImage == QuayImage).Single().Answer.SetResult(PullResult.Success("sha256:q"));
        var shown = run.GetNodes().Concat(other.GetNodes()).SelectMany(n => n.Images).Where(i => i.Waiting).ToList();
        Assert.Equal(2, shown.Count);
        Assert.All(shown, i => Assert.Equal("waiting for registry harbor.example.com: it answered 429 Too Many Requests, no pulls before 2026-01-01T00:00:30Z", i.Reason));
        Assert.Equal(3, puller.Calls);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(3, puller.Calls);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.WaitUntilAsync(() => puller.Calls == 5, "both harbor images are pulled again after the back-off");
        puller.AnswerAll(r => PullResult.Success("sha256:h"));
        var outcomes = await Task.WhenAll(run.OutcomeAsync(), other.OutcomeAsync());

        Assert.All(outcomes, o => Assert.Equal(JobPhases.Completed, o.Phase));
        Assert.Contains(("backoff", Harbor, RegistryWaitCause.RateLimit), listener.Events);
        Assert.Equal(TimeSpan.FromSeconds(30), listener.Delays[0]);
        Assert.Equal(2, listener.Events.Count(e => e.Kind == "end" && e.Cause == RegistryWaitCause.RateLimit));
    }

    [Fact]
    public async Task Start_429WithoutRetryAfter_BacksOffWithTheBackoff_DoublingForAnswersInARow()
    {
        using var clock = new TestClock();
        var listener = new RecordingListener();
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));
        var budget = new RegistryBudget(null, 0, backoff, clock, listener, () => 0);
        var puller = new FakePuller((_, attempt, _) => ValueTask.FromResult(attempt <= 2
            ? PullResult.Failure(PullFailureKind.RateLimited, "429 Too Many Requests")
            : PullResult.Success("sha256:1")));
        var run = new JobScheduler(puller, null, clock) { RegistryBudget = budget }
            .Start(TestJobs.Nodes(1), new TestPlans(HarborImage), TestJobs.Settings(retryTimes: 0, checkItems: []), Ct);

        await clock.WaitForTimersAsync(TimeSpan.FromSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(5));
        await clock.WaitForTimersAsync(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(10));
        var outcome = await run.OutcomeAsync();

        Assert.Equal(NodeTaskPhases.Successful, outcome.Node("node1").Phase);
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)], listener.Delays);
        Assert.Equal(3, puller.Pulls.Count);
    }

    [Fact]
    public async Task Start_NodeTimesOutWhileWaiting_IsUnknownWithTheWaitingReason_AndLeaksNoSlot()
    {
        using var clock = new TestClock();
        var budget = new RegistryBudget(new Dictionary<string, int> { [Harbor] = 1 }, timeProvider: clock);
        var puller = new GatedPuller();
        var holder = new JobScheduler(puller, null, clock) { RegistryBudget = budget }
            .Start([NodeTaskResult.Pending("holder")], new TestPlans(HarborImage), TestJobs.Settings(timeoutSeconds: 300, checkItems: []), Ct);
        await Eventually.WaitUntilAsync(() => puller.InFlight(Harbor) == 1, "another job holds harbor's slot");
        var run = new JobScheduler(puller, null, clock) { RegistryBudget = budget }
            .Start(TestJobs.Nodes(1), new TestPlans(HarborImage), TestJobs.Settings(timeoutSeconds: 60, tolerate: 1m, checkItems: []), Ct);

        await Eventually.WaitUntilAsync(() => budget.Waiting(Harbor) == 1, "the image waits");
        await clock.WaitForTimersAsync(TimeSpan.FromSeconds(60));
        clock.Advance(TimeSpan.FromSeconds(60));
        var outcome = await run.OutcomeAsync();

        var waited = outcome.Node("node1");
        Assert.Equal(NodeTaskPhases.Unknown, waited.Phase);
        var image = Assert.Single(waited.Images);
        Assert.True(image.Waiting);
        Assert.Equal("waiting for a pull slot of registry harbor.example.com (its budget of 1 pulls in flight is in use)", image.Reason);
        Assert.Equal(0, budget.Waiting(Harbor));
        puller.AnswerAll(r => PullResult.Success("sha256:1"));
        await holder.OutcomeAsync();
        Assert.Equal(0, budget.InFlight(Harbor));
    }

    [Fact]
    public async Task Start_WithoutBudget_A429IsAnOrdinaryFailure()
    {
        using var clock = new TestClock();
        var puller = new FakePuller((_, _, _) => ValueTask.FromResult(PullResult.Failure(PullFailureKind.RateLimited, "toomanyrequests")));
        var run = new JobScheduler(puller, null, clock).Start(TestJobs.Nodes(1), new TestPlans(HarborImage), TestJobs.Settings(retryTimes: 0, tolerate: 1m, checkItems: []), Ct);

        var outcome = await run.OutcomeAsync();

        Assert.Equal("toomanyrequests", Assert.Single(outcome.Node("node1").Images).Reason);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Volatile.Read(ref target);
        }
    }

    private sealed class RecordingListener : IRegistryBudgetListener
    {
        private readonly Lock _gate = new();
        private readonly List<(string Kind, string Registry, RegistryWaitCause Cause)> _events = [];
        private readonly List<TimeSpan> _delays = [];

        public IReadOnlyList<(string Kind, string Registry, RegistryWaitCause Cause)> Events
        {
            get
            {
                lock (_gate)
                {
                    return [.. _events];
                }
            }
        }

        public IReadOnlyList<TimeSpan> Delays
        {
            get
            {
                lock (_gate)
                {
                    return [.. _delays];
                }
            }
        }

        public void WaitStarted(string registry, RegistryWaitCause cause)
        {
            lock (_gate)
            {
                _events.Add(("start", registry, cause));
            }
        }

        public void WaitEnded(string registry, RegistryWaitCause cause, TimeSpan waited)
        {
            lock (_gate)
            {
                _events.Add(("end", registry, cause));
            }
        }

        public void BackedOff(string registry, TimeSpan delay, DateTimeOffset until)
        {
            lock (_gate)
            {
                _events.Add(("backoff", registry, RegistryWaitCause.RateLimit));
                _delays.Add(delay);
            }
        }
    }
}

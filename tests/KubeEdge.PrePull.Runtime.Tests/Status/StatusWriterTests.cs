using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.Status;
using KubeEdge.PrePull.Runtime.Tests.Controller;
using KubeEdge.PrePull.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Status;

/// <summary>The status writer against the embedded API server: coalescing, dispatch flushes, and the agent-mode guard.</summary>
public sealed partial class StatusWriterTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly TimerCountingClock _time = new();
    private readonly RequestCounter _requests = new();
    private readonly ApiServerFixture _cluster;
    private Kubernetes _client = null!;

    public StatusWriterTests() => _cluster = ApiServerFixture.Create(null, _requests);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        (_, _client) = await _cluster.StartAsync();
        await StatusWriterJob.CreateAsync(_client, Ct);
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task RunAsync_FlushNowWithinTheInterval_WritesAtOnceWhileMarkDirtyWaits()
    {
        var writer = new StatusWriter(_client, "job", ImagePrePullJobNames.V1Alpha2, Interval, _time, NullLogger.Instance);
        await writer.WriteAsync(Status(("a", NodeTaskPhases.Pending), ("b", NodeTaskPhases.Pending)), Ct);
        var builds = 0;
        using var stop = new CancellationTokenSource();
        var running = writer.RunAsync(() => { Interlocked.Increment(ref builds); return Status(("a", NodeTaskPhases.InProgress), ("b", NodeTaskPhases.Pending)); }, stop.Token);

        // A dispatch: written without waiting for the minute to pass.
        writer.FlushNow();
        await Eventually.WaitUntilAsync(() => _requests.StatusWrites == 2, "the dispatch is written at once");

        // Ordinary progress right after: coalesced until the interval has passed on the clock.
        // Once the writer has armed its wait for the rest of the interval, it has decided not to write yet.
        var timers = _time.TimersCreated;
        writer.MarkDirty();
        await Eventually.WaitUntilAsync(() => _time.TimersCreated > timers, "the writer waits for the rest of the interval");
        Assert.Equal(2, _requests.StatusWrites);
        _time.Advance(Interval);
        await Eventually.WaitUntilAsync(() => _requests.StatusWrites == 3, "the progress write goes out after the interval");

        await stop.CancelAsync();
        await running;
        Assert.Equal(2, builds);
    }

    [Fact]
    public async Task WriteAsync_GuardedAfterAnAgentWrote_ReReadsAndKeepsTheAgentsEntry()
    {
        await new StatusWriter(_client, "job", ImagePrePullJobNames.V1Alpha2, Interval, _time, NullLogger.Instance)
            .WriteAsync(Status(("a", NodeTaskPhases.InProgress), ("b", NodeTaskPhases.InProgress)), Ct);
        var guard = new AgentDispatcher("job", new HashSet<string>(["a", "b"], StringComparer.Ordinal), NullLogger.Instance);
        guard.Observe((await JobAsync())!);

        // The agent of "a" writes its entry after the guard last saw the job.
        var agentEntry = new JsonObject { ["nodeName"] = "a", ["phase"] = NodeTaskPhases.Successful, ["reason"] = "written by the agent" };
        await _client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch(new JsonArray { new JsonObject { ["op"] = "replace", ["path"] = "/status/nodeStatus/0", ["value"] = agentEntry } }.ToJsonString(), V1Patch.PatchType.JsonPatch),
            ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, "job", cancellationToken: Ct);
        var writer = new StatusWriter(_client, "job", ImagePrePullJobNames.V1Alpha2, Interval, _time, NullLogger.Instance, guard);

        // The controller's view still has "a" in progress and "b" done: one 409, one re-read, one write.
        var readsBefore = _requests.Count("GET imageprepulljobs");
        Assert.True(await writer.WriteAsync(Status(("a", NodeTaskPhases.InProgress), ("b", NodeTaskPhases.Failure)), Ct));
        Assert.Equal(1, _requests.Count("GET imageprepulljobs") - readsBefore);

        var entries = (await JobAsync())!.Status!.NodeStatus!;
        Assert.Equal((NodeTaskPhases.Successful, "written by the agent"), (entries[0].Phase, entries[0].Reason));
        Assert.Equal(NodeTaskPhases.Failure, entries[1].Phase);
    }

    [Fact]
    public async Task RunAsync_StoppedWhileAWriteIsAtTheServer_ReturnsOnlyOnceThatWriteLanded()
    {
        // The server holds the progress write; the run ends meanwhile. Aborted on the client, that write could still
        // land after the run's final write and put a finished job back to InProgress.
        var server = _cluster.Server;
        server.Faults.Add("imageprepulljobs/status", "patch", Testing.Faults.FaultKind.Delay, times: 1, delay: TimeSpan.FromSeconds(2));
        var writer = new StatusWriter(_client, "job", ImagePrePullJobNames.V1Alpha2, Interval, _time, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = writer.RunAsync(() => Status(("a", NodeTaskPhases.InProgress), ("b", NodeTaskPhases.Pending)), stop.Token, Ct);
        writer.MarkDirty();
        await Eventually.WaitUntilAsync(() => server.Faults.Pending == 0, "the progress write reaches the server");

        await stop.CancelAsync();
        await running;

        Assert.Equal(JobPhases.InProgress, (await JobAsync())!.Status?.Phase);
    }

    private static ImagePrePullJobStatus Status(params (string Node, string Phase)[] nodes) => new()
    {
        Phase = JobPhases.InProgress,
        NodeStatus = [.. nodes.Select(n => new ImagePrePullNodeTaskStatus { NodeName = n.Node, Phase = n.Phase })],
    };

    private async Task<ImagePrePullJob?> JobAsync()
    {
        var json = await _client.CustomObjects.GetClusterCustomObjectAsync(ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, "job", cancellationToken: Ct);
        return KubernetesJson.Deserialize<ImagePrePullJob>(KubernetesJson.Serialize(json));
    }

    /// <summary>A fake clock that counts the timers created on it (a Task.Delay is one), so a test can see code start waiting.</summary>
    private sealed class TimerCountingClock : FakeTimeProvider
    {
        private int _timers;

        public int TimersCreated => Volatile.Read(ref _timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _timers);
            return timer;
        }
    }
}

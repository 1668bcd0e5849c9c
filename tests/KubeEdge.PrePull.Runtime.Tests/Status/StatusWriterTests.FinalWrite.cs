using k8s.Autorest;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.LeaderElection;
using KubeEdge.PrePull.Runtime.Status;
using KubeEdge.PrePull.Testing.Faults;
using KubeEdge.PrePull.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeEdge.PrePull.Runtime.Tests.Status;

// The final status write through a status outage, and the leadership fence (docs/design.md §3, Fencing).
public sealed partial class StatusWriterTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task WriteFinalAsync_StatusOutageOfSixMinutes_RetriesWithBackoffUntilItLands()
    {
        var writer = Writer();
        _cluster.Server.Faults.Add("imageprepulljobs/status", "patch", FaultKind.InternalError, times: 100_000);
        var start = _time.GetUtcNow();

        var writing = writer.WriteFinalAsync(Completed(), Ct);
        await Eventually.AdvanceUntilAsync(_time, TimeSpan.FromSeconds(1), () => _time.GetUtcNow() - start >= Outage || writing.IsCompleted, "six minutes of outage pass");
        Assert.False(writing.IsCompleted, "the final write gave up during the outage");
        var attempts = _requests.StatusWrites;

        _cluster.Server.Faults.Clear();
        await Eventually.AdvanceUntilAsync(_time, TimeSpan.FromSeconds(1), () => writing.IsCompleted, "the final write lands after the outage");

        Assert.True(await writing);
        Assert.Equal(JobPhases.Completed, (await JobAsync())!.Status?.Phase);

        // Backoff, not a hot loop: six minutes take a few dozen attempts at most (delays double up to 30 s).
        Assert.InRange(attempts, 8, 40);
    }

    [Fact]
    public async Task WriteAsync_ProgressWriteDuringAnOutage_StillGivesUpAfterItsAttempts()
    {
        // The progress writes keep their bound (the next one carries the same state); only the final write persists.
        var writer = Writer();
        _cluster.Server.Faults.Add("imageprepulljobs/status", "patch", FaultKind.InternalError, times: 100_000);

        var writing = writer.WriteAsync(Completed(), Ct);
        await Eventually.AdvanceUntilAsync(_time, TimeSpan.FromSeconds(1), () => writing.IsCompleted, "the progress write ends");

        await Assert.ThrowsAsync<HttpOperationException>(() => writing);
    }

    [Fact]
    public async Task WriteFinalAsync_LeadershipLostDuringTheOutage_StopsWithoutWriting()
    {
        var fence = new LeadershipFence(_time, TimeSpan.FromSeconds(10), _time.GetUtcNow());
        var writer = Writer(fence);
        _cluster.Server.Faults.Add("imageprepulljobs/status", "patch", FaultKind.InternalError, times: 100_000);

        // Nobody renews: ten seconds on, the term is over by the clock alone.
        var writing = writer.WriteFinalAsync(Completed(), Ct);
        await Eventually.AdvanceUntilAsync(_time, TimeSpan.FromSeconds(1), () => writing.IsCompleted, "the final write ends with the term");
        _cluster.Server.Faults.Clear();
        var attempts = _requests.StatusWrites;

        Assert.False(await writing);
        Assert.False(fence.IsHeld);
        Assert.False(await writer.WriteAsync(Completed(), Ct));
        Assert.Equal(attempts, _requests.StatusWrites);
        Assert.Null((await JobAsync())!.Status?.Phase);
    }

    [Fact]
    public void LeadershipFence_RenewedInTime_HeldUntilTheDeadlineAfterTheLastRenewalStarted()
    {
        var fence = new LeadershipFence(_time, TimeSpan.FromSeconds(10), _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(9));
        fence.Renewed(_time.GetUtcNow() - TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(8));
        Assert.True(fence.IsHeld);

        // Frozen past the deadline: lost on the clock alone, and a late renewal does not bring it back.
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(fence.IsHeld);
        fence.Renewed(_time.GetUtcNow());
        Assert.False(fence.IsHeld);
        Assert.True(LeadershipFence.Unelected.IsHeld);
    }

    private StatusWriter Writer(LeadershipFence? fence = null) =>
        new(_client, "job", ImagePrePullJobNames.V1Alpha2, TimeSpan.FromSeconds(1), _time, NullLogger.Instance, fence: fence);

    private static ImagePrePullJobStatus Completed() => new()
    {
        Phase = JobPhases.Completed,
        NodeStatus = [new ImagePrePullNodeTaskStatus { NodeName = "a", Phase = NodeTaskPhases.Successful }],
    };
}

using KubeEdge.PrePull.Runtime.Tests.Caching;
using KubeEdge.PrePull.Testing.Faults;

namespace KubeEdge.PrePull.Runtime.Tests.LeaderElection;

/// <summary>Leader election on a real Lease of the embedded API server, with every duration on a fake clock.</summary>
public sealed class LeaseLeaderElectorTests
{
    [Fact]
    public async Task RunAsync_NoLease_CreatesItAndLeads()
    {
        await using var h = await ElectionHarness.StartAsync();
        var a = h.Candidate("a").Start();

        await Eventually.WaitUntilAsync(() => a.Leading, "a leads");

        var lease = await h.LeaseAsync();
        Assert.Equal("a", lease.Spec.HolderIdentity);
        Assert.Equal(60, lease.Spec.LeaseDurationSeconds);
        Assert.Equal(0, lease.Spec.LeaseTransitions);
        Assert.Equal(h.Time.GetUtcNow().UtcDateTime, lease.Spec.AcquireTime);
        Assert.True(a.Elector.IsLeader);
        Assert.Equal("a", a.Elector.ObservedLeader);
    }

    [Fact]
    public async Task RunAsync_LeaseHeldAndRenewed_SecondCandidateWaitsForEver()
    {
        await using var h = await ElectionHarness.StartAsync();
        var a = h.Candidate("a").Start();
        await Eventually.WaitUntilAsync(() => a.Leading, "a leads");
        var b = h.Candidate("b").Start();
        await Eventually.WaitUntilAsync(() => b.Elector.ObservedLeader == "a", "b sees a's Lease");
        var acquired = (await h.LeaseAsync()).Spec.AcquireTime;

        await h.AdvanceByAsync(ElectionHarness.LeaseDuration * 3, () => Assert.False(b.Leading, "b took a Lease that a kept renewing"));

        var lease = await h.LeaseAsync();
        Assert.Equal("a", lease.Spec.HolderIdentity);
        Assert.Equal(acquired, lease.Spec.AcquireTime);
        Assert.True(lease.Spec.RenewTime >= h.Time.GetUtcNow().UtcDateTime - (ElectionHarness.RetryPeriod * 2.5));
        Assert.Single(a.Terms);
        Assert.True(a.Leading);
    }

    [Fact]
    public async Task StopAsync_WithoutRelease_SecondTakesOverOnlyAfterTheLeaseDuration()
    {
        await using var h = await ElectionHarness.StartAsync();
        var a = h.Candidate("a", releaseOnCancel: false).Start();
        await Eventually.WaitUntilAsync(() => a.Leading, "a leads");
        var b = h.Candidate("b").Start();
        await Eventually.WaitUntilAsync(() => b.Elector.ObservedLeader == "a", "b sees a's Lease");
        await h.AdvanceByAsync(TimeSpan.FromSeconds(10));

        await a.StopAsync();
        var stoppedAt = h.Time.GetUtcNow();
        var lastRenewal = (await h.LeaseAsync()).Spec.RenewTime!.Value;
        Assert.Equal("a", (await h.LeaseAsync()).Spec.HolderIdentity);
        await h.AdvanceUntilAsync(() => b.Leading, "b leads");

        var tookOver = b.Terms[0].Start;
        Assert.True(tookOver.UtcDateTime - lastRenewal >= ElectionHarness.LeaseDuration, $"b took over {tookOver.UtcDateTime - lastRenewal} after a's last renewal");
        Assert.True(tookOver - stoppedAt < ElectionHarness.LeaseDuration * 2, $"b took over {tookOver - stoppedAt} after a stopped");
        var lease = await h.LeaseAsync();
        Assert.Equal("b", lease.Spec.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
        Assert.Equal(tookOver.UtcDateTime, lease.Spec.AcquireTime);
    }

    [Fact]
    public async Task StopAsync_WithRelease_ClearsTheHolderAndSecondTakesOverWithoutWaiting()
    {
        await using var h = await ElectionHarness.StartAsync();
        var a = h.Candidate("a").Start();
        await Eventually.WaitUntilAsync(() => a.Leading, "a leads");
        var b = h.Candidate("b").Start();
        await Eventually.WaitUntilAsync(() => b.Elector.ObservedLeader == "a", "b sees a's Lease");

        await a.StopAsync();
        var stoppedAt = h.Time.GetUtcNow();
        var released = await h.LeaseAsync();
        await h.AdvanceUntilAsync(() => b.Leading, "b leads");

        Assert.True(string.IsNullOrEmpty(released.Spec.HolderIdentity));
        Assert.Equal([(a.Terms[0].Start, stoppedAt)], a.Terms);
        Assert.True(b.Terms[0].Start - stoppedAt < ElectionHarness.LeaseDuration / 4, $"b took over {b.Terms[0].Start - stoppedAt} after a released");
        Assert.Equal("b", (await h.LeaseAsync()).Spec.HolderIdentity);
    }

    [Fact]
    public async Task RenewalsFail_HolderStopsLeadingWithinTheRenewDeadline_BeforeTheSecondTakesOver()
    {
        await using var h = await ElectionHarness.StartAsync();
        var a = h.Candidate("a").Start();
        await Eventually.WaitUntilAsync(() => a.Leading, "a leads");
        var b = h.Candidate("b").Start();
        await Eventually.WaitUntilAsync(() => b.Elector.ObservedLeader == "a", "b sees a's Lease");
        await h.AdvanceByAsync(TimeSpan.FromSeconds(5));

        a.Handler.Partitioned = true;
        var lastRenewal = (await h.LeaseAsync()).Spec.RenewTime!.Value;
        await h.AdvanceUntilAsync(() => b.Leading, "b leads");

        var lostAt = a.Terms[0].End!.Value.UtcDateTime;
        Assert.InRange(lostAt - lastRenewal, ElectionHarness.RenewDeadline, ElectionHarness.RenewDeadline + (ElectionHarness.RetryPeriod * 2));
        Assert.True(b.Terms[0].Start.UtcDateTime >= lastRenewal + ElectionHarness.LeaseDuration);
        Assert.True(b.Terms[0].Start.UtcDateTime > lostAt, "two leaders at once");
        Assert.False(a.Elector.IsLeader);
        Assert.Contains(a.Logger.Records, r => r.EventId == 151 && r.Message.Contains("renew deadline", StringComparison.Ordinal));
        Assert.Equal("b", (await h.LeaseAsync()).Spec.HolderIdentity);
    }

    [Fact]
    public async Task RenewalConflicts_AreRetried_LeadershipKept()
    {
        await using var h = await ElectionHarness.StartAsync();
        var a = h.Candidate("a").Start();
        await Eventually.WaitUntilAsync(() => a.Leading, "a leads");

        h.Server.Faults.Add("leases", "update", FaultKind.Conflict, times: 3);
        var faultedAt = h.Time.GetUtcNow().UtcDateTime;
        await h.AdvanceUntilAsync(() => h.Server.Faults.Pending == 0, "three renewals met a conflict");
        await h.AdvanceByAsync(ElectionHarness.RetryPeriod * 3);

        var lease = await h.LeaseAsync();
        Assert.Equal("a", lease.Spec.HolderIdentity);
        Assert.True(lease.Spec.RenewTime > faultedAt);
        Assert.Single(a.Terms);
        Assert.True(a.Leading);
    }

    [Fact]
    public async Task CreateConflict_AnotherCandidateWon_RetriesAndAcquires()
    {
        await using var h = await ElectionHarness.StartAsync();
        h.Server.Faults.Add("leases", "create", FaultKind.Conflict);
        var a = h.Candidate("a").Start();

        await h.AdvanceUntilAsync(() => a.Leading, "a leads");

        Assert.Equal(0, h.Server.Faults.Pending);
        Assert.Equal("a", (await h.LeaseAsync()).Spec.HolderIdentity);
    }

    [Fact]
    public async Task StopAsync_WhileCampaigning_ReturnsQuietlyAndLeavesTheLeaseAlone()
    {
        await using var h = await ElectionHarness.StartAsync();
        var a = h.Candidate("a").Start();
        await Eventually.WaitUntilAsync(() => a.Leading, "a leads");
        var b = h.Candidate("b").Start();
        await Eventually.WaitUntilAsync(() => b.Elector.ObservedLeader == "a", "b sees a's Lease");

        await b.StopAsync();

        Assert.True(b.Run.IsCompletedSuccessfully);
        Assert.Empty(b.Terms);
        Assert.Equal("a", (await h.LeaseAsync()).Spec.HolderIdentity);
    }

    [Fact]
    public async Task CampaignRead_LeftUnanswered_IsAbandonedAfterTheRenewDeadline_AndTheCandidateCampaignsOn()
    {
        // A Lease request that never gets an answer (a connection the server lost while this process was frozen)
        // must not end the campaign: the candidate would never lead again, however long the others are gone.
        await using var h = await ElectionHarness.StartAsync();
        var a = h.Candidate("a").Start();
        await Eventually.WaitUntilAsync(() => a.Leading, "a leads");
        h.Server.Faults.Add("leases", "get", FaultKind.Delay, delay: TimeSpan.FromHours(1));
        var b = h.Candidate("b").Start();
        await Eventually.WaitUntilAsync(() => b.Handler.InFlight == 1 && h.Server.Faults.Pending == 0, "b's first Lease read hangs");

        var hungAt = h.Time.GetUtcNow();
        await h.AdvanceUntilAsync(() => b.Handler.InFlight == 0, "b abandons the unanswered read", notAwaited: b);
        Assert.InRange(h.Time.GetUtcNow() - hungAt, ElectionHarness.RenewDeadline, ElectionHarness.RenewDeadline + ElectionHarness.RetryPeriod);
        await h.AdvanceUntilAsync(() => b.Elector.ObservedLeader == "a", "b reads the Lease again and sees a");
        await a.StopAsync();
        await h.AdvanceUntilAsync(() => b.Leading, "b leads once a released the Lease");

        Assert.Equal("b", (await h.LeaseAsync()).Spec.HolderIdentity);
        Assert.Contains(b.Logger.Records, r => r.EventId == 153);
    }
}

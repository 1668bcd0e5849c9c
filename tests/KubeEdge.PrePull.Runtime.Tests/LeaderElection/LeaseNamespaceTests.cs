using System.Net;
using k8s;
using k8s.Autorest;
using KubeEdge.PrePull.Testing.Faults;

namespace KubeEdge.PrePull.Runtime.Tests.LeaderElection;

/// <summary>A Lease namespace that does not exist yet (a fresh cluster): the elector creates it, then leads.</summary>
public sealed class LeaseNamespaceTests
{
    private const string MissingNamespace = "prepull-lease-missing";

    [Fact]
    public async Task RunAsync_LeaseNamespaceMissing_CreatesItAndLeads()
    {
        await using var h = await ElectionHarness.StartAsync();
        Assert.False(await NamespaceExistsAsync(h), "the test needs a cluster without the namespace");
        var a = h.Candidate("a", leaseNamespace: MissingNamespace).Start();

        await Eventually.WaitUntilAsync(() => a.Leading, "a leads");

        Assert.True(await NamespaceExistsAsync(h));
        var lease = await h.Client.CoordinationV1.ReadNamespacedLeaseAsync(ElectionHarness.LeaseName, MissingNamespace, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("a", lease.Spec.HolderIdentity);
        var created = Assert.Single(a.Logger.Records, r => r.EventId == 157);
        Assert.Contains(MissingNamespace, created.FullText, StringComparison.Ordinal);
        Assert.DoesNotContain(a.Logger.Records, r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task RunAsync_TwoCandidatesOnMissingNamespace_OneLeadsAndTheOtherFollowsIt()
    {
        await using var h = await ElectionHarness.StartAsync();
        var a = h.Candidate("a", leaseNamespace: MissingNamespace).Start();
        var b = h.Candidate("b", leaseNamespace: MissingNamespace).Start();

        await h.AdvanceUntilAsync(
            () => (a.Leading || b.Leading) && a.Elector.ObservedLeader is not null && b.Elector.ObservedLeader is not null,
            "one leads and both saw the Lease",
            () => Assert.False(a.Leading && b.Leading, "both lead"));

        Assert.Equal(a.Elector.ObservedLeader, b.Elector.ObservedLeader);
        Assert.Single([.. a.Logger.Records, .. b.Logger.Records], r => r.EventId == 157);
    }

    [Fact]
    public async Task RunAsync_NamespaceCreationFailsOnce_TriesAgainAndLeads()
    {
        await using var h = await ElectionHarness.StartAsync();
        h.Server.Faults.Add("namespaces", "create", FaultKind.InternalError);
        var a = h.Candidate("a", leaseNamespace: MissingNamespace).Start();

        await h.AdvanceUntilAsync(() => a.Leading, "a leads after the failed namespace creation");

        Assert.Contains(a.Logger.Records, r => r.EventId == 153);
        Assert.Single(a.Logger.Records, r => r.EventId == 157);
        Assert.True(await NamespaceExistsAsync(h));
    }

    private static async Task<bool> NamespaceExistsAsync(ElectionHarness h)
    {
        try
        {
            await h.Client.CoreV1.ReadNamespaceAsync(MissingNamespace, cancellationToken: TestContext.Current.CancellationToken);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}

using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Events;
using KubeEdge.PrePull.Runtime.Tests.Caching;
using KubeEdge.PrePull.Testing;
using static KubeEdge.PrePull.Runtime.Tests.Controller.ControllerLifecycleTests;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// Jobs whose JSON does not bind (docs/design.md §2, Unreadable jobs): they stop no other job, each is reported on
/// itself once (status Failure and an InvalidObject event naming the field), deleting one finalizes it, and fixing one
/// makes it a job again.
/// </summary>
public sealed class UnreadableJobTests : ControllerTests
{
    private const int UnreadableLogId = 106;
    private const string ReasonPrefix = "the object cannot be read: ";

    // The jobs here do not fit the CRD's schema, which the server enforces like kube-apiserver; a real cluster can
    // still hold such objects (schema gaps, version skew, other writers), so the server stores them unchecked.
    protected override EmbeddedApiServerOptions ServerOptions => new() { ValidateCustomResources = false };

    [Fact]
    public async Task ThreeUnreadableJobs_GoodJobCompletesAndEachBadJobIsReportedOnceNamingTheField()
    {
        var nodes = Cluster.AddNodes(2);
        await RawJobs.StoreAllBadAsync(Cluster.Client, nodes[0]);
        await Cluster.StartControllerAsync();

        await Cluster.CreateJobAsync(Job("good", nodes));
        var good = await Cluster.WaitForPhaseAsync("good", JobPhases.Completed);
        Assert.Equal(2, good.Status!.Summary!.Successful);

        foreach (var (name, field) in RawJobs.Faults)
        {
            var bad = await WaitForRawAsync(name, j => RawJobs.StringAt(j, "status.phase") == JobPhases.Failure, "reported Failure");
            var reason = RawJobs.StringAt(bad, "status.reason")!;
            Assert.StartsWith(ReasonPrefix + field + ": ", reason, StringComparison.Ordinal);
            Assert.NotNull(RawJobs.StringAt(bad, "status.startTime"));
            Assert.NotNull(RawJobs.StringAt(bad, "status.completionTime"));
            await ControllerCluster.UntilAsync(async () => (await Cluster.EventsAsync(name)).Count > 0, () => $"an event on {name}");
        }

        // A later job still runs: the caches are not stuck on the bad ones.
        await Cluster.CreateJobAsync(Job("after", nodes));
        await Cluster.WaitForPhaseAsync("after", JobPhases.Completed);

        foreach (var (name, field) in RawJobs.Faults)
        {
            var ev = Assert.Single(await Cluster.EventsAsync(name));
            Assert.Equal(JobEventReasons.InvalidObject, ev.Reason);
            Assert.Equal("Warning", ev.Type);
            Assert.Contains(field, ev.Message, StringComparison.Ordinal);
            Assert.Single(Cluster.Logs.Collector.GetSnapshot(), r => r.Id.Id == UnreadableLogId && r.Message.Contains(" " + name + " ", StringComparison.Ordinal));
        }

        Assert.Empty(await Cluster.PodsAsync());
        var text = await RawJobs.GetAsync(Cluster.Client, RawJobs.ConcurrencyText);
        Assert.Equal("ten", (string?)text!["spec"]!["imagePrePullTemplate"]!["concurrency"]);
    }

    [Fact]
    public async Task JobTurnedUnreadable_DeletedWithTheFinalizer_IsFinalizedAndOthersGoOn()
    {
        var nodes = Cluster.AddNodes(2);
        await Cluster.StartControllerAsync();
        await Cluster.CreateJobAsync(Job("turns-bad", nodes));
        await Cluster.WaitForPhaseAsync("turns-bad", JobPhases.Completed);

        await RawJobs.EditTemplateAsync(Cluster.Client, "turns-bad", t => t["concurrency"] = 3000000000L);
        await ControllerCluster.UntilAsync(
            async () => (await Cluster.EventsAsync("turns-bad")).Any(e => e.Reason == JobEventReasons.InvalidObject),
            () => "an InvalidObject event on turns-bad");

        // A finished job keeps what it achieved: still Completed, its nodes still listed.
        var finished = await RawJobs.GetAsync(Cluster.Client, "turns-bad");
        Assert.Equal(JobPhases.Completed, RawJobs.StringAt(finished, "status.phase"));
        Assert.Contains(ImagePrePullJobNames.Finalizer, finished!["metadata"]!["finalizers"]!.AsArray().Select(f => (string?)f));

        await Cluster.DeleteJobAsync("turns-bad");
        await WaitForRawAsync("turns-bad", j => j is null, "is finalized and gone", allowNull: true);

        await Cluster.CreateJobAsync(Job("next", nodes));
        await Cluster.WaitForPhaseAsync("next", JobPhases.Completed);
    }

    [Fact]
    public async Task UnreadableJob_FixedByAnUpdate_IsAJobAgainAndDeletesNormally()
    {
        var nodes = Cluster.AddNodes(1);
        await Cluster.StartControllerAsync();
        await RawJobs.StoreAsync(Cluster.Client, RawJobs.Job("fixable", nodes[0], t => t["concurrency"] = "ten"));
        await WaitForRawAsync("fixable", j => RawJobs.StringAt(j, "status.phase") == JobPhases.Failure, "reported Failure");

        await RawJobs.EditTemplateAsync(Cluster.Client, "fixable", t => t["concurrency"] = 1);

        // Readable again, it is a job like any other: the controller puts its finalizer on; its Failure stays (as for
        // any job that failed, delete and re-create it to run it).
        var job = await Cluster.WaitForJobAsync("fixable", j => j.Metadata.Finalizers?.Contains(ImagePrePullJobNames.Finalizer) == true, "gets the finalizer");
        Assert.Equal(JobPhases.Failure, job.Status!.Phase);
        Assert.Equal(1, job.Spec.ImagePrePullTemplate!.Concurrency);
        Assert.Contains(Cluster.Logs.Collector.GetSnapshot(), r => r.Id.Id == 107);

        await Cluster.DeleteJobAsync("fixable");
        await WaitForRawAsync("fixable", j => j is null, "is gone", allowNull: true);
    }

    private async Task<System.Text.Json.Nodes.JsonObject?> WaitForRawAsync(string name, Func<System.Text.Json.Nodes.JsonObject?, bool> condition, string what, bool allowNull = false)
    {
        System.Text.Json.Nodes.JsonObject? last = null;
        await ControllerCluster.UntilAsync(
            async () =>
            {
                last = await RawJobs.GetAsync(Cluster.Client, name);
                return (last is not null || allowNull) && condition(last);
            },
            () => $"job {name} {what}; last: {last?["status"]?.ToJsonString() ?? "none"}");
        return last;
    }
}

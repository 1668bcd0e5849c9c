using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Caching;
using KubeEdge.PrePull.Testing.Faults;
using KubeEdge.PrePull.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Caching;

/// <summary>
/// Jobs whose JSON does not bind, in the job cache the controller and the edge agent share (docs/design.md §2,
/// Unreadable jobs): each is kept apart with the field at fault, logged once, and every other job goes on.
/// </summary>
public sealed class UnreadableJobCacheTests
{
    private const int UnreadableLogId = 106;

    // These jobs do not fit the CRD's schema, which the server enforces like kube-apiserver: store them unchecked.
    private static void StoreUnchecked(EmbeddedApiServerOptions o) => o.ValidateCustomResources = false;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_ThreeUnreadableJobs_SyncsTheReadableOneAndDoesNotSpin()
    {
        await using var h = await CacheHarness.StartAsync(StoreUnchecked);
        await RawJobs.StoreAllBadAsync(h.Client, "edge-node-0");
        await RawJobs.StoreAsync(h.Client, RawJobs.Job("good", "edge-node-0"));
        var source = new RecordingSource<ImagePrePullJob>(ClusterCustomObjectSource<ImagePrePullJob>.ImagePrePullJobs(h.Client));

        var jobs = h.Run(source);
        await jobs.SyncedAsync();
        Assert.True(jobs.Cache.TryGet("good", out var good));
        Assert.Equal(["nginx:1.27"], good.Spec.ImagePrePullTemplate!.Images!);
        Assert.Equal(1, jobs.Cache.Count);

        // A bad job created while watching must not break the watch either.
        await RawJobs.StoreAsync(h.Client, RawJobs.Job("bad-later", "edge-node-0", t => t["retryTimes"] = "twice"));
        await RawJobs.StoreAsync(h.Client, RawJobs.Job("good-later", "edge-node-0"));
        await Eventually.WaitUntilAsync(() => jobs.Cache.TryGet("good-later", out _), "the job after the bad one is watched");

        // Two minutes of backoff time: a cache that failed on them would list or watch again and again.
        for (var i = 0; i < 24; i++)
        {
            h.CacheTime.Advance(TimeSpan.FromSeconds(5));
            await Task.Yield();
        }

        await h.Logger.WaitForAsync(r => r.EventId == UnreadableLogId, skip: 3);
        Assert.Single(source.ListCalls);
        Assert.Single(source.WatchCalls);
        Assert.DoesNotContain(h.Logger.Records, r => r.EventId == 104);
    }

    [Fact]
    public async Task List_UnreadableJobs_KeptApartWithTheFieldAndLoggedOnceEach()
    {
        await using var h = await CacheHarness.StartAsync(StoreUnchecked);
        await RawJobs.StoreAllBadAsync(h.Client, "edge-node-0");

        var jobs = h.Run(ClusterCustomObjectSource<ImagePrePullJob>.ImagePrePullJobs(h.Client));
        await jobs.SyncedAsync();
        var events = await jobs.TakeAsync(3);

        Assert.All(events, e => Assert.Equal(CacheEventType.Unreadable, e.Type));
        Assert.Equal(3, jobs.Cache.UnreadableCount);
        Assert.Empty(jobs.Cache.List());
        foreach (var (name, field) in RawJobs.Faults)
        {
            Assert.False(jobs.Cache.TryGet(name, out _));
            Assert.True(jobs.Cache.TryGetUnreadable(name, out var bad));
            Assert.Equal(field, bad.FieldPath);
            Assert.False(string.IsNullOrEmpty(bad.Metadata.Uid));
            var logged = Assert.Single(h.Logger.Records, r => r.EventId == UnreadableLogId && (string?)r.Values["Name"] == name);
            Assert.Equal(field, logged.Values["Field"]);
        }

        Assert.True(jobs.Cache.TryGetUnreadable(RawJobs.ImagesAsMap, out var map));
        Assert.Equal("expected a list of strings, got an object", map.Problem);
        Assert.True(jobs.Cache.TryGetUnreadable(RawJobs.ConcurrencyText, out var text));
        Assert.Equal("expected an integer, got a string", text.Problem);
        Assert.True(jobs.Cache.TryGetUnreadable(RawJobs.ConcurrencyTooLarge, out var large));
        Assert.Equal("expected an integer from -2147483648 to 2147483647, got 3000000000", large.Problem);
    }

    [Fact]
    public async Task Unreadable_StringValueAtFault_NeverQuotedInLogsOrProblem()
    {
        const string Marker = "Unread-S3cr3t-Marker-41d7";
        await using var h = await CacheHarness.StartAsync(StoreUnchecked);
        await RawJobs.StoreAsync(h.Client, RawJobs.Job("quoted", "edge-node-0", t => t["concurrency"] = Marker));
        await RawJobs.StoreAsync(h.Client, RawJobs.Job("start-time", "edge-node-0"));
        await h.Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch("{\"status\":{\"startTime\":\"" + Marker + "\"}}", V1Patch.PatchType.MergePatch),
            ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, "start-time", cancellationToken: Ct);

        var jobs = h.Run(ClusterCustomObjectSource<ImagePrePullJob>.ImagePrePullJobs(h.Client));
        await jobs.SyncedAsync();
        await h.Logger.WaitForAsync(r => r.EventId == UnreadableLogId, skip: 1);

        Assert.True(jobs.Cache.TryGetUnreadable("quoted", out var quoted));
        Assert.True(jobs.Cache.TryGetUnreadable("start-time", out var startTime));
        Assert.Equal("spec.imagePrePullTemplate.concurrency: expected an integer, got a string", quoted.Description);
        Assert.DoesNotContain(Marker, startTime.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, h.Logger.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_UnreadableChangedFixedBrokenDeleted_EachChangeReportedAndTheFaultLoggedOncePerFault()
    {
        await using var h = await CacheHarness.StartAsync(StoreUnchecked);
        var jobs = h.Run(ClusterCustomObjectSource<ImagePrePullJob>.ImagePrePullJobs(h.Client), new ListWatchCacheOptions { Random = new Random(5) });
        await jobs.SyncedAsync();

        await RawJobs.StoreAsync(h.Client, RawJobs.Job("j", "edge-node-0", t => t["concurrency"] = "ten"));
        var created = await jobs.NextAsync();
        Assert.Equal((CacheEventType.Unreadable, "j"), (created.Type, created.Key));
        Assert.Null(created.Object);
        Assert.Equal("spec.imagePrePullTemplate.concurrency", created.Unreadable!.FieldPath);

        // A status write (no spec change): a new resourceVersion of the same fault is reported, not logged again.
        await h.Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch("""{"status":{"phase":"Failure"}}""", V1Patch.PatchType.MergePatch),
            ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, "j", cancellationToken: Ct);
        var statusChanged = await jobs.NextAsync();
        Assert.Equal(CacheEventType.Unreadable, statusChanged.Type);
        Assert.Equal(JobPhases.Failure, statusChanged.Unreadable!.Phase);

        // Fixed: a job again. Broken again: its typed state leaves the cache.
        await RawJobs.EditTemplateAsync(h.Client, "j", t => t["concurrency"] = 10);
        var fixedEvent = await jobs.NextAsync();
        Assert.Equal(CacheEventType.Added, fixedEvent.Type);
        Assert.Equal(10, fixedEvent.Object!.Spec.ImagePrePullTemplate!.Concurrency);
        Assert.True(jobs.Cache.TryGet("j", out _));
        Assert.False(jobs.Cache.TryGetUnreadable("j", out _));

        await RawJobs.EditTemplateAsync(h.Client, "j", t => t["images"] = new JsonObject { ["a"] = "b" });
        var broken = await jobs.NextAsync();
        Assert.Equal(CacheEventType.Unreadable, broken.Type);
        Assert.Equal(10, broken.OldObject!.Spec.ImagePrePullTemplate!.Concurrency);
        Assert.False(jobs.Cache.TryGet("j", out _));

        // A relist (410 on the watch) finds the same fault: no new event, no new log line.
        h.Server.Faults.Add("imageprepulljobs", "watch", FaultKind.Gone);
        h.Server.Faults.CloseWatches("imageprepulljobs");
        await h.Logger.WaitForAsync(r => r.EventId == 101);

        await h.Client.CustomObjects.DeleteClusterCustomObjectAsync(ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, "j", cancellationToken: Ct);
        var deleted = await jobs.NextAsync();
        Assert.Equal((CacheEventType.Deleted, "j"), (deleted.Type, deleted.Key));
        Assert.Equal("spec.imagePrePullTemplate.images", deleted.Unreadable!.FieldPath);
        Assert.False(jobs.Cache.TryGetUnreadable("j", out _));
        Assert.Equal(0, jobs.Cache.UnreadableCount);

        var faults = h.Logger.Records.Where(r => r.EventId == UnreadableLogId).Select(r => (string?)r.Values["Field"]);
        Assert.Equal(["spec.imagePrePullTemplate.concurrency", "spec.imagePrePullTemplate.images"], faults);
        Assert.Single(h.Logger.Records, r => r.EventId == 107);
    }
}

using System.Globalization;
using k8s.Models;
using KubeEdge.PrePull.Runtime.Caching;
using KubeEdge.PrePull.Testing.Faults;
using static KubeEdge.PrePull.Runtime.Tests.Caching.ListWatchCacheTests;

namespace KubeEdge.PrePull.Runtime.Tests.Caching;

/// <summary>Watches closed by the server, 410 Gone, 500s and bookmarks, all injected by the embedded API server.</summary>
public sealed class ListWatchCacheRecoveryTests
{
    [Fact]
    public async Task WatchClosedByServer_WatchesAgainFromLastVersion_NoEventMissedOrDuplicated()
    {
        await using var h = await CacheHarness.StartAsync();
        await Nodes.CreateAsync(h.Client, "a");
        await Nodes.CreateAsync(h.Client, "b");
        var source = new RecordingSource<V1Node>(new NodeSource(h.Client));
        var nodes = h.Run(source);
        await nodes.SyncedAsync();
        await nodes.TakeAsync(2);
        await Nodes.CreateAsync(h.Client, "c");
        await nodes.NextAsync();
        var seenBeforeClose = nodes.Cache.ResourceVersion!;

        h.Server.Faults.CloseWatches("nodes");
        await Nodes.CreateAsync(h.Client, "d");
        await Nodes.LabelAsync(h.Client, "b", "zone", "x");
        await Nodes.DeleteAsync(h.Client, "a");
        await Nodes.CreateAsync(h.Client, "marker");
        var events = await nodes.TakeUntilAddedAsync("marker");

        Assert.Equal([(CacheEventType.Added, "d"), (CacheEventType.Updated, "b"), (CacheEventType.Deleted, "a")], events.Select(Describe));
        Assert.Single(source.ListCalls);
        Assert.Contains(seenBeforeClose, source.WatchCalls.Skip(1));
        Assert.Equal(["b", "c", "d", "marker"], nodes.Cache.List().Select(n => n.Metadata.Name).Order());
    }

    [Fact]
    public async Task WatchClosedRepeatedly_WhileObjectsChange_EveryChangeReportedOnce()
    {
        await using var h = await CacheHarness.StartAsync();
        var source = new RecordingSource<V1Node>(new NodeSource(h.Client));
        var nodes = h.Run(source);
        await nodes.SyncedAsync();
        await WatchIsLiveAsync(h, nodes);

        // Each re-watch replays what happened since the last version seen, then the server closes it again.
        h.Server.Faults.Add("nodes", "watch", FaultKind.CloseWatch, times: 5);
        h.Server.Faults.CloseWatches("nodes");
        for (var i = 0; i < 10; i++)
        {
            await Nodes.CreateAsync(h.Client, $"n{i}");
            await Nodes.LabelAsync(h.Client, $"n{i}", "step", "1");
        }

        await Nodes.CreateAsync(h.Client, "marker");
        var events = await nodes.TakeUntilAddedAsync("marker", () => $"Server at {h.Server.ResourceVersion}, watches from [{string.Join(", ", source.WatchCalls)}], faults pending {h.Server.Faults.Pending}. Log: {h.Logger.AllText}");

        await Eventually.WaitUntilAsync(() => h.Server.Faults.Pending == 0, "the cache watched five more times");
        var expected = Enumerable.Range(0, 10).SelectMany(i => new[] { (CacheEventType.Added, $"n{i}"), (CacheEventType.Updated, $"n{i}") });
        Assert.Equal(expected, events.Select(Describe));
    }

    [Fact]
    public async Task WatchClosedBeforeAnyEvent_WatchesAgainAtOnceWithoutBackoff()
    {
        await using var h = await CacheHarness.StartAsync();
        var nodes = h.Run(new NodeSource(h.Client));
        await nodes.SyncedAsync();
        await WatchIsLiveAsync(h, nodes);

        // An empty watch response (nothing to replay, then closed), as an idle watch timing out on kube-apiserver.
        h.Server.Faults.Add("nodes", "watch", FaultKind.CloseWatch);
        h.Server.Faults.CloseWatches("nodes");
        await Eventually.WaitUntilAsync(() => h.Server.Faults.Pending == 0, "the cache watched again");
        await Nodes.CreateAsync(h.Client, "after");

        // The cache's clock never moves here: a backoff would hold the event back for ever.
        Assert.Equal((CacheEventType.Added, "after"), Describe(await nodes.NextAsync()));
        Assert.DoesNotContain(h.Logger.Records, r => r.EventId == 104);
    }

    [Fact]
    public async Task WatchGone_Relists_ReportsDeletedAndChangedOnlyAndConverges()
    {
        await using var h = await CacheHarness.StartAsync();
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            await Nodes.CreateAsync(h.Client, name);
        }

        var source = new RecordingSource<V1Node>(new NodeSource(h.Client));
        var nodes = h.Run(source);
        await nodes.SyncedAsync();
        await nodes.TakeAsync(4);
        await WatchIsLiveAsync(h, nodes);

        // The re-watch is refused with 410 and the relist is held on the server's clock, so that the changes
        // below happen while the cache is blind: it can only learn them from the relist.
        h.Server.Faults.Add("nodes", "watch", FaultKind.Gone);
        h.Server.Faults.Add("nodes", "list", FaultKind.Delay, delay: TimeSpan.FromSeconds(5));
        h.Server.Faults.CloseWatches("nodes");
        await Eventually.WaitUntilAsync(() => h.Server.Faults.Pending == 0, "the relist is held by the server");
        await Nodes.DeleteAsync(h.Client, "a");
        await Nodes.LabelAsync(h.Client, "b", "zone", "x");
        await Nodes.CreateAsync(h.Client, "e");
        await Eventually.AdvanceUntilAsync(h.ServerTime, TimeSpan.FromSeconds(1), () => h.Logger.Records.Any(r => r.EventId == 101), "the cache relisted");
        await Nodes.CreateAsync(h.Client, "marker");
        var events = await nodes.TakeUntilAddedAsync("marker");

        Assert.Equal([(CacheEventType.Added, "e"), (CacheEventType.Updated, "b"), (CacheEventType.Deleted, "a")], events.Select(Describe).Order());
        Assert.Equal("x", events.Single(e => e.Key == "b").Object!.Metadata.Labels["zone"]);
        Assert.Equal(2, source.ListCalls.Count);
        Assert.Equal(["b", "c", "d", "e", "marker", "probe"], nodes.Cache.List().Select(n => n.Metadata.Name).Order());
        var relisted = h.Logger.Records.Single(r => r.EventId == 101);
        Assert.Equal((1, 1, 1), ((int)relisted.Values["Added"]!, (int)relisted.Values["Updated"]!, (int)relisted.Values["Deleted"]!));
    }

    [Fact]
    public async Task ListFailsWith500_RetriesAfterDoublingJitteredDelaysOnTheClock_ThenSyncs()
    {
        await using var h = await CacheHarness.StartAsync();
        await Nodes.CreateAsync(h.Client, "a");
        h.Server.Faults.Add("nodes", "list", FaultKind.InternalError, times: 3);
        var options = new ListWatchCacheOptions { InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(3), Random = new Random(7) };
        var nodes = h.Run(new NodeSource(h.Client), options);

        var ceilings = new[] { 1.0, 2.0, 3.0 };
        for (var i = 0; i < 3; i++)
        {
            var failed = await h.Logger.WaitForAsync(r => r.EventId == 104, skip: i);
            var delay = (TimeSpan)failed.Values["Delay"]!;
            Assert.Equal(i + 1, (int)failed.Values["Failures"]!);
            Assert.InRange(delay.TotalSeconds, ceilings[i] / 2, ceilings[i]);

            // Nothing retries until the cache's clock moves: the request count on the server stays put.
            Assert.Equal(2 - i, h.Server.Faults.Pending);
            Assert.False(nodes.Cache.HasSynced);
            h.CacheTime.Advance(delay);
        }

        await nodes.SyncedAsync();
        Assert.Equal(["a"], nodes.Cache.List().Select(n => n.Metadata.Name));
    }

    [Fact]
    public async Task WatchFailsWith500_WatchesAgainAfterBackoffWithoutRelisting()
    {
        await using var h = await CacheHarness.StartAsync();
        var source = new RecordingSource<V1Node>(new NodeSource(h.Client));
        var nodes = h.Run(source, new ListWatchCacheOptions { Random = new Random(1) });
        await nodes.SyncedAsync();
        await WatchIsLiveAsync(h, nodes);

        h.Server.Faults.Add("nodes", "watch", FaultKind.InternalError);
        h.Server.Faults.CloseWatches("nodes");
        var failed = await h.Logger.WaitForAsync(r => r.EventId == 104);
        await Nodes.CreateAsync(h.Client, "while-down");
        h.CacheTime.Advance((TimeSpan)failed.Values["Delay"]!);

        Assert.Equal((CacheEventType.Added, "while-down"), Describe(await nodes.NextAsync()));
        Assert.Single(source.ListCalls);
    }

    [Fact]
    public async Task Bookmarks_AdvanceTheResourceVersionPastUnselectedChanges_WithoutEvents()
    {
        await using var h = await CacheHarness.StartAsync();
        var nodes = h.Run(new NodeSource(h.Client, labelSelector: "tier=watched"));
        await nodes.SyncedAsync();
        var listedAt = nodes.Cache.ResourceVersion;

        for (var i = 0; i < 3; i++)
        {
            await Nodes.CreateAsync(h.Client, $"other{i}");
        }

        var serverVersion = h.Server.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        await Eventually.AdvanceUntilAsync(h.ServerTime, TimeSpan.FromSeconds(20), () => nodes.Cache.ResourceVersion == serverVersion, "a bookmark moved the cache's resourceVersion");
        await Nodes.CreateAsync(h.Client, "watched", new Dictionary<string, string> { ["tier"] = "watched" });

        Assert.NotEqual(listedAt, serverVersion);
        Assert.Equal((CacheEventType.Added, "watched"), Describe(await nodes.NextAsync()));
        Assert.Equal(["watched"], nodes.Cache.List().Select(n => n.Metadata.Name));
    }

    /// <summary>
    /// Proves the cache's watch is open on the server (an object created after the list arrives through it), so a
    /// fault added next hits the following watch request rather than racing the current one.
    /// </summary>
    private static async Task WatchIsLiveAsync(CacheHarness h, RunningCache<V1Node> nodes)
    {
        await Nodes.CreateAsync(h.Client, "probe");
        Assert.Equal((CacheEventType.Added, "probe"), Describe(await nodes.NextAsync()));
    }
}

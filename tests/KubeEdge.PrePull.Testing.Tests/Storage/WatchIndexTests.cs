using System.Globalization;
using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Resources;
using KubeEdge.PrePull.Testing.Selectors;
using KubeEdge.PrePull.Testing.Storage;
using KubeEdge.PrePull.Testing.Watching;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Testing.Tests.Storage;

/// <summary>
/// The store's watch index (docs/design.md §3 "Watch fan-out"): which watches receive which events, live and replayed,
/// for namespace-scoped and cluster-wide watches and every selector operator; and reads racing writes.
/// </summary>
public sealed class WatchIndexTests
{
    private static readonly ResourceCatalog Catalog = new(CrdResourceLoader.LoadImagePrePullJobs());
    private static readonly ResourceType Pods = Catalog.Pods;

    // Each case runs against Script: (namespace, label selector, field selector) → events after the selector.
    public static TheoryData<string?, string, string, string> Cases => new()
    {
        { null, "", "", "ADDED p1, ADDED p2, ADDED p3, MODIFIED p1, ADDED p4, DELETED p2, ADDED p5, MODIFIED p3" },
        { "a", "", "", "ADDED p1, ADDED p2, MODIFIED p1, ADDED p4, DELETED p2" },
        { "b", "", "", "ADDED p3, ADDED p5, MODIFIED p3" },
        { null, "job=j1", "", "ADDED p1, ADDED p3, DELETED p1, MODIFIED p3" },
        { null, "job==j1", "", "ADDED p1, ADDED p3, DELETED p1, MODIFIED p3" },
        { "a", "job=j1", "", "ADDED p1, DELETED p1" },
        { "b", "job=j1", "", "ADDED p3, MODIFIED p3" },
        { null, "job=j2", "", "ADDED p2, ADDED p1, DELETED p2" },
        { "b", "job=j2", "", "" },
        { null, "job in (j1,j3)", "", "ADDED p1, ADDED p3, DELETED p1, ADDED p5, MODIFIED p3" },
        { null, "job notin (j1)", "", "ADDED p2, ADDED p1, ADDED p4, DELETED p2, ADDED p5" },
        { null, "job!=j2", "", "ADDED p1, ADDED p3, DELETED p1, ADDED p4, ADDED p5, MODIFIED p3" },
        { null, "job", "", "ADDED p1, ADDED p2, ADDED p3, MODIFIED p1, DELETED p2, ADDED p5, MODIFIED p3" },
        { null, "!job", "", "ADDED p4" },
        { null, "job=j1,tier=x", "", "ADDED p3, MODIFIED p3" },
        { null, "tier=x,job=j1", "", "ADDED p3, MODIFIED p3" },
        { null, "tier=x", "", "ADDED p3, ADDED p5, MODIFIED p3" },
        { null, "tier=y", "", "" },
        { null, "", "metadata.name=p1", "ADDED p1, MODIFIED p1" },
        { "b", "", "metadata.name=p1", "" },
        { null, "job=j2", "metadata.name=p1", "ADDED p1" },
        { null, "", "metadata.name!=p1", "ADDED p2, ADDED p3, ADDED p4, DELETED p2, ADDED p5, MODIFIED p3" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LiveWatch_ReceivesExactlyTheSelectedEvents(string? ns, string labels, string fields, string expected)
    {
        var store = NewStore();
        var (replay, subscription) = store.Watch(Pods, ns, store.CurrentResourceVersion, route: Route(labels, fields));
        using (subscription)
        {
            Script(store);

            Assert.Empty(replay);
            Assert.Equal(expected, Render(Drain(subscription), labels, fields));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WatchFromOldVersion_ReplaysTheSameEvents(string? ns, string labels, string fields, string expected)
    {
        var store = NewStore();
        var start = store.CurrentResourceVersion;
        Script(store);

        var (replay, subscription) = store.Watch(Pods, ns, start, route: Route(labels, fields));
        using (subscription)
        {
            Assert.Equal(expected, Render(replay, labels, fields));
            Assert.Empty(Drain(subscription));
        }
    }

    [Fact]
    public void LabelRoutedWatch_IsHandedOnlyEventsOfItsLabelValue()
    {
        var store = NewStore();
        var (_, j1) = store.Watch(Pods, null, store.CurrentResourceVersion, route: Route("job=j1", ""));
        var (_, all) = store.Watch(Pods, null, store.CurrentResourceVersion, route: Route("", ""));
        using (j1)
        using (all)
        {
            Script(store);

            // p1 created, p1 moved from j1 to j2 (routed by its old value), p3 created and changed: never p2, p4, p5.
            Assert.Equal(["p1", "p3", "p1", "p3"], Drain(j1).Select(e => Name(e.Object)));
            Assert.Equal(8, Drain(all).Count);
        }
    }

    [Fact]
    public void ClosedRoutedWatch_NoLongerReceivesEvents()
    {
        var store = NewStore();
        var (_, watch) = store.Watch(Pods, "a", store.CurrentResourceVersion, route: Route("job=j1", ""));
        watch.Dispose();

        CreatePod(store, "a", "p1", new() { ["job"] = "j1" });

        Assert.True(watch.Events.Completion.IsCompleted);
        Assert.Empty(Drain(watch));
    }

    [Fact]
    public void RoutedWatch_FromVersionOutsideHistory_Gets410()
    {
        var store = NewStore(limit: 3);
        var start = store.CurrentResourceVersion;
        Script(store);

        var error = Assert.Throws<ApiException>(() => store.Watch(Pods, null, start, route: Route("job=j1", "")));

        Assert.Equal(410, error.Code);
    }

    [Fact]
    public async Task ConcurrentWritersAndReaders_ReadersSeeConsistentSnapshotsAndWatchesSeeEveryEventInOrder()
    {
        const int Writers = 4;
        const int PodsPerWriter = 150;
        var store = NewStore(limit: 100_000);
        var watches = Enumerable.Range(0, Writers)
            .Select(w => store.Watch(Pods, "a", store.CurrentResourceVersion, route: Route($"job=w{w}", "")).Subscription)
            .ToArray();
        var (_, everything) = store.Watch(Pods, null, store.CurrentResourceVersion);
        using var done = new CancellationTokenSource();

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < PodsPerWriter; i++)
            {
                CreatePod(store, "a", $"w{w}-{i}", new() { ["job"] = $"w{w}" });
                store.Patch(Pods, "a", $"w{w}-{i}", pod =>
                {
                    pod["status"] = new JsonObject { ["phase"] = "Running" };
                    return pod;
                }, statusOnly: true);
            }
        })).ToArray();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            long lastVersion = 0;
            var reads = 0;
            while (!done.IsCancellationRequested || reads == 0)
            {
                var page = store.List(Pods, "a", null, 0, null);
                Assert.True(page.ResourceVersion >= lastVersion, "list resourceVersions go forward");
                lastVersion = page.ResourceVersion;

                // Every object listed is at or below the list's resourceVersion: the list is one consistent state.
                Assert.All(page.Items, o => Assert.True(Version(o) <= page.ResourceVersion));
                foreach (var pod in page.Items.Take(5))
                {
                    Assert.True(Version(store.Get(Pods, "a", Name(pod))) >= Version(pod), "a get never goes back in time");
                }

                reads++;
            }

            return reads;
        })).ToArray();

        await Task.WhenAll(writers);
        await done.CancelAsync();
        var readCounts = await Task.WhenAll(readers);

        Assert.All(readCounts, r => Assert.True(r > 0));
        Assert.Equal(Writers * PodsPerWriter, store.List(Pods, "a", null, 0, null).Items.Count);
        for (var w = 0; w < Writers; w++)
        {
            var events = Drain(watches[w]);
            Assert.Equal(2 * PodsPerWriter, events.Count);
            Assert.All(events, e => Assert.StartsWith($"w{w}-", Name(e.Object), StringComparison.Ordinal));
            Assert.Equal(events.Select(e => e.ResourceVersion).Order(), events.Select(e => e.ResourceVersion));
            watches[w].Dispose();
        }

        var all = Drain(everything);
        Assert.Equal(Writers * PodsPerWriter * 2, all.Count);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => all[0].ResourceVersion + i - 1), all.Select(e => e.ResourceVersion));
        everything.Dispose();
    }

    // Writes in namespaces a and b: creates, a label change moving p1 from j1 to j2, a pod without labels, a delete
    // and a status change; the store starts empty but for the namespaces.
    private static void Script(ObjectStore store)
    {
        CreatePod(store, "a", "p1", new() { ["job"] = "j1" });
        CreatePod(store, "a", "p2", new() { ["job"] = "j2" });
        CreatePod(store, "b", "p3", new() { ["job"] = "j1", ["tier"] = "x" });
        store.Patch(Pods, "a", "p1", pod =>
        {
            pod["metadata"]!["labels"] = new JsonObject { ["job"] = "j2" };
            return pod;
        }, statusOnly: false);
        CreatePod(store, "a", "p4", []);
        store.Delete(Pods, "a", "p2");
        CreatePod(store, "b", "p5", new() { ["job"] = "j3", ["tier"] = "x" });
        store.Patch(Pods, "b", "p3", pod =>
        {
            pod["status"] = new JsonObject { ["phase"] = "Running" };
            return pod;
        }, statusOnly: true);
    }

    private static ObjectStore NewStore(int limit = 1000)
    {
        var store = new ObjectStore(new FakeTimeProvider(), new WatchHistoryPolicy(limit, TimeSpan.FromMinutes(5)), Catalog.Namespaces);
        foreach (var ns in (string[])["a", "b"])
        {
            store.Create(Catalog.Namespaces, null, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } });
        }

        return store;
    }

    private static void CreatePod(ObjectStore store, string ns, string name, Dictionary<string, string> labels)
    {
        var labelObject = new JsonObject();
        foreach (var (key, value) in labels)
        {
            labelObject[key] = value;
        }

        store.Create(Pods, ns, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labelObject },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "busybox" }) },
        });
    }

    private static WatchRoute? Route(string labels, string fields) =>
        WatchRoute.For(LabelSelector.Parse(labels), FieldSelector.Parse(fields, Pods));

    // What the watch streamer sends: each event translated for the selectors, skipped when they exclude it.
    private static string Render(IEnumerable<StoredEvent> events, string labels, string fields)
    {
        var labelSelector = LabelSelector.Parse(labels);
        var fieldSelector = FieldSelector.Parse(fields, Pods);
        return string.Join(", ", events
            .Select(e => (Type: WatchEventFilter.Translate(e, o => labelSelector.Matches(o) && fieldSelector.Matches(o)), Name: Name(e.Object)))
            .Where(e => e.Type is not null)
            .Select(e => $"{e.Type} {e.Name}"));
    }

    private static List<StoredEvent> Drain(WatchSubscription subscription)
    {
        var events = new List<StoredEvent>();
        while (subscription.Events.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    private static string Name(JsonObject obj) => (string)obj["metadata"]!["name"]!;

    private static long Version(JsonObject obj) => long.Parse((string)obj["metadata"]!["resourceVersion"]!, CultureInfo.InvariantCulture);
}

using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using KubeEdge.PrePull.Testing.Resources;
using KubeEdge.PrePull.Testing.Selectors;
using KubeEdge.PrePull.Testing.Storage;
using KubeEdge.PrePull.Testing.Watching;

namespace KubeEdge.PrePull.Benchmarks;

/// <summary>
/// The embedded API server's watch fan-out (docs/design.md §3 "Watch fan-out"): 500 pod watches, each selecting one
/// value of a <c>job</c> label, and 10,000 pod creations spread evenly over the values. Each watch is drained by
/// its own task applying its selector, as the watch streamer does; an operation ends when every watch has seen its
/// 20 pods. The store is used directly (no HTTP), so this measures routing, queueing and selector evaluation.
/// Compiled with <c>FANOUT_BASELINE</c> defined it opens the watches without a route, which is what the store did
/// before the index (every event queued on, and tested by, every watch); see benchmarks/README.md.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class WatchFanoutBenchmark
{
    private const int Watches = 500;
    private const int Events = 10_000;
    private static readonly ResourceCatalog Catalog = new(CrdResourceLoader.LoadImagePrePullJobs());

    /// <summary>Opens the watches, creates the pods and waits until every watch has delivered its own.</summary>
    /// <returns>The events delivered.</returns>
    [Benchmark]
    public async Task<int> PodWatchesSelectingOneLabelValue()
    {
        var pods = Catalog.Pods;
        var store = new ObjectStore(TimeProvider.System, new WatchHistoryPolicy(Events * 2, TimeSpan.FromMinutes(5)), Catalog.Namespaces);
        store.Create(Catalog.Namespaces, null, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "default" } });
        var drains = new Task<int>[Watches];
        var subscriptions = new WatchSubscription[Watches];
        for (var i = 0; i < Watches; i++)
        {
            var selector = LabelSelector.Parse($"job=j{i}");
#if FANOUT_BASELINE
            var subscription = store.Watch(pods, "default", store.CurrentResourceVersion).Subscription;
#else
            var subscription = store.Watch(pods, "default", store.CurrentResourceVersion, route: WatchRoute.For(selector, FieldSelector.Parse(null, pods))).Subscription;
#endif
            subscriptions[i] = subscription;
            drains[i] = DrainAsync(subscription, selector, Events / Watches);
        }

        for (var n = 0; n < Events; n++)
        {
            store.Create(pods, "default", new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject { ["name"] = $"pod-{n}", ["labels"] = new JsonObject { ["job"] = $"j{n % Watches}" } },
                ["spec"] = new JsonObject { ["nodeName"] = $"edge-{n}" },
            });
        }

        var delivered = (await Task.WhenAll(drains)).Sum();
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }

        return delivered == Events ? delivered : throw new InvalidOperationException($"delivered {delivered} of {Events} events");
    }

    private static async Task<int> DrainAsync(WatchSubscription subscription, LabelSelector selector, int expected)
    {
        var delivered = 0;
        var reader = subscription.Events;
        while (delivered < expected && await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var storedEvent))
            {
                if (WatchEventFilter.Translate(storedEvent, selector.Matches) is not null)
                {
                    delivered++;
                }
            }
        }

        return delivered;
    }
}

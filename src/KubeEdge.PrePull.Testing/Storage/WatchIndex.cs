namespace KubeEdge.PrePull.Testing.Storage;

/// <summary>
/// The live watches of one resource, indexed so an event reaches only the watches that can select it: by namespace
/// (or all namespaces), and for a routed watch by the value its route key must have (docs/design.md §3 "Watch
/// fan-out"). A MODIFIED event is routed by the object's value before and after the change, so a watch sees an
/// object leave its selection. Not thread-safe: the store calls it under its write lock, which also keeps each
/// watch's events in resourceVersion order.
/// </summary>
internal sealed class WatchIndex
{
    // Stands for "every namespace": not a valid namespace name.
    private const string AnyNamespace = "/";
    private readonly Dictionary<string, List<WatchSubscription>> _unrouted = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Key, string Value), List<WatchSubscription>> _routed = [];
    private readonly Dictionary<string, int> _routeKeys = new(StringComparer.Ordinal);
    private readonly List<WatchSubscription> _all = [];

    /// <summary>Every live watch, in the order they were added.</summary>
    public IReadOnlyList<WatchSubscription> All => _all;

    /// <summary>Adds a watch.</summary>
    /// <param name="subscription">The watch.</param>
    public void Add(WatchSubscription subscription)
    {
        _all.Add(subscription);
        var ns = subscription.NamespaceFilter ?? AnyNamespace;
        if (subscription.Route is not { } route)
        {
            ListFor(_unrouted, ns).Add(subscription);
            return;
        }

        _routeKeys[route.Key] = _routeKeys.GetValueOrDefault(route.Key) + 1;
        foreach (var value in route.Values.Distinct(StringComparer.Ordinal))
        {
            ListFor(_routed, (ns, route.Key, value)).Add(subscription);
        }
    }

    /// <summary>Removes a watch (nothing happens when it is not there).</summary>
    /// <param name="subscription">The watch.</param>
    public void Remove(WatchSubscription subscription)
    {
        if (!_all.Remove(subscription))
        {
            return;
        }

        var ns = subscription.NamespaceFilter ?? AnyNamespace;
        if (subscription.Route is not { } route)
        {
            RemoveFrom(_unrouted, ns, subscription);
            return;
        }

        if (--_routeKeys[route.Key] == 0)
        {
            _routeKeys.Remove(route.Key);
        }

        foreach (var value in route.Values.Distinct(StringComparer.Ordinal))
        {
            RemoveFrom(_routed, (ns, route.Key, value), subscription);
        }
    }

    /// <summary>Queues an event on every watch that can select it, once each.</summary>
    /// <param name="storedEvent">The change.</param>
    public void Publish(StoredEvent storedEvent)
    {
        var ns = (string?)storedEvent.Object["metadata"]?["namespace"];
        Deliver(_unrouted.GetValueOrDefault(AnyNamespace), storedEvent);
        if (ns is not null)
        {
            Deliver(_unrouted.GetValueOrDefault(ns), storedEvent);
        }

        foreach (var key in _routeKeys.Keys)
        {
            var now = WatchRoute.ValueOf(storedEvent.Object, key);
            var before = storedEvent.Previous is null ? null : WatchRoute.ValueOf(storedEvent.Previous, key);
            DeliverRouted(ns, key, now, storedEvent);
            if (before != now)
            {
                DeliverRouted(ns, key, before, storedEvent);
            }
        }
    }

    private void DeliverRouted(string? ns, string key, string? value, StoredEvent storedEvent)
    {
        if (value is null)
        {
            return;
        }

        Deliver(_routed.GetValueOrDefault((AnyNamespace, key, value)), storedEvent);
        if (ns is not null)
        {
            Deliver(_routed.GetValueOrDefault((ns, key, value)), storedEvent);
        }
    }

    private static void Deliver(List<WatchSubscription>? watches, StoredEvent storedEvent)
    {
        if (watches is null)
        {
            return;
        }

        foreach (var watch in watches)
        {
            watch.Publish(storedEvent);
        }
    }

    private static List<WatchSubscription> ListFor<TKey>(Dictionary<TKey, List<WatchSubscription>> lists, TKey key)
        where TKey : notnull
    {
        if (!lists.TryGetValue(key, out var list))
        {
            list = [];
            lists[key] = list;
        }

        return list;
    }

    private static void RemoveFrom<TKey>(Dictionary<TKey, List<WatchSubscription>> lists, TKey key, WatchSubscription subscription)
        where TKey : notnull
    {
        if (lists.TryGetValue(key, out var list) && list.Remove(subscription) && list.Count == 0)
        {
            lists.Remove(key);
        }
    }
}

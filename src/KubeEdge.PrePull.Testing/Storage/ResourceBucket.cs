using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Storage;

/// <summary>
/// The objects of one resource (all versions share it), its bounded event history and its live watches.
/// Not thread-safe: the store guards it with its lock. Stored objects are never mutated after insertion, so
/// readers may serialize them without copying.
/// </summary>
internal sealed class ResourceBucket
{
    private readonly SortedDictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly Queue<StoredEvent> _history = new();
    private readonly List<WatchSubscription> _watchers = [];
    private readonly WatchHistoryPolicy _historyPolicy;

    /// <summary>Creates an empty bucket.</summary>
    /// <param name="historyPolicy">How many events, and for how long, are kept for watches to resume from.</param>
    public ResourceBucket(WatchHistoryPolicy historyPolicy) => _historyPolicy = historyPolicy;

    /// <summary>The highest resourceVersion no longer in the history: watches from below it get 410 Gone.</summary>
    public long CompactedThrough { get; private set; }

    /// <summary>Objects by key (<c>namespace/name</c>, namespace empty for cluster-scoped), ordered for paging.</summary>
    public IReadOnlyDictionary<string, JsonObject> Objects => _objects;

    /// <summary>Live watches.</summary>
    public IReadOnlyList<WatchSubscription> Watchers => _watchers;

    /// <summary>The storage key of an object.</summary>
    /// <param name="ns">Namespace or <see langword="null"/>.</param>
    /// <param name="name">Name.</param>
    /// <returns>The key.</returns>
    public static string Key(string? ns, string name) => $"{ns}/{name}";

    /// <summary>Objects whose key sorts after <paramref name="afterKey"/>, in key order.</summary>
    /// <param name="afterKey">Exclusive lower bound, or <see langword="null"/> for all.</param>
    /// <returns>The objects.</returns>
    public IEnumerable<KeyValuePair<string, JsonObject>> After(string? afterKey) => afterKey is null
        ? _objects
        : _objects.Where(p => string.CompareOrdinal(p.Key, afterKey) > 0);

    /// <summary>Stores (or replaces) an object and publishes the change.</summary>
    /// <param name="key">Its key.</param>
    /// <param name="storedEvent">The change.</param>
    public void Put(string key, StoredEvent storedEvent)
    {
        if (storedEvent.Type == StoredEvent.Deleted)
        {
            _objects.Remove(key);
        }
        else
        {
            _objects[key] = storedEvent.Object;
        }

        _history.Enqueue(storedEvent);
        while (_history.Count > _historyPolicy.Limit)
        {
            CompactedThrough = _history.Dequeue().ResourceVersion;
        }

        Expire(storedEvent.At);

        var ns = storedEvent.Object["metadata"]?["namespace"]?.GetValue<string>();
        foreach (var watcher in _watchers)
        {
            if (watcher.NamespaceFilter is null || watcher.NamespaceFilter == ns)
            {
                watcher.Publish(storedEvent);
            }
        }
    }

    /// <summary>
    /// Drops the events older than the history window (kube-apiserver's watch cache keeps history by time). The
    /// newest event always stays, so a watch from the latest version of a quiet resource is never expired.
    /// </summary>
    /// <param name="now">The server's current time.</param>
    public void Expire(DateTimeOffset now)
    {
        var cutoff = now - _historyPolicy.Window;
        while (_history.Count > 1 && _history.Peek().At < cutoff)
        {
            CompactedThrough = _history.Dequeue().ResourceVersion;
        }
    }

    /// <summary>History events newer than a resourceVersion, oldest first.</summary>
    /// <param name="resourceVersion">Exclusive lower bound.</param>
    /// <returns>The events.</returns>
    public IEnumerable<StoredEvent> EventsAfter(long resourceVersion) =>
        _history.Where(e => e.ResourceVersion > resourceVersion);

    /// <summary>Registers a watch.</summary>
    /// <param name="subscription">The watch.</param>
    public void AddWatcher(WatchSubscription subscription) => _watchers.Add(subscription);

    /// <summary>Unregisters a watch.</summary>
    /// <param name="subscription">The watch.</param>
    public void RemoveWatcher(WatchSubscription subscription) => _watchers.Remove(subscription);

    /// <summary>Ends every live watch (their clients see the stream close).</summary>
    public void CloseWatchers(bool includeInternal)
    {
        foreach (var watcher in _watchers.Where(w => includeInternal || !w.IsInternal).ToArray())
        {
            watcher.Close();
            _watchers.Remove(watcher);
        }
    }
}

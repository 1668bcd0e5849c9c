using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Storage;

/// <summary>
/// The objects of one resource (all versions share it), its bounded event history and its live watches.
/// Not thread-safe: the store guards it with its write lock. The objects are an immutable dictionary replaced on
/// every change, which the store publishes in its read snapshot (docs/design.md §3 "Lock-free reads"). Stored
/// objects are never mutated after insertion, so readers may serialize them without copying.
/// </summary>
internal sealed class ResourceBucket
{
    private readonly Queue<StoredEvent> _history = new();
    private readonly WatchIndex _watchers = new();
    private readonly WatchHistoryPolicy _historyPolicy;

    /// <summary>Creates an empty bucket.</summary>
    /// <param name="storageKey">The resource's storage key.</param>
    /// <param name="historyPolicy">How many events, and for how long, are kept for watches to resume from.</param>
    public ResourceBucket(string storageKey, WatchHistoryPolicy historyPolicy)
    {
        StorageKey = storageKey;
        _historyPolicy = historyPolicy;
    }

    /// <summary>The objects of a resource that has none.</summary>
    public static ImmutableSortedDictionary<string, JsonObject> NoObjects { get; } = ImmutableSortedDictionary.Create<string, JsonObject>(StringComparer.Ordinal);

    /// <summary>The resource's storage key.</summary>
    public string StorageKey { get; }

    /// <summary>The highest resourceVersion no longer in the history: watches from below it get 410 Gone.</summary>
    public long CompactedThrough { get; private set; }

    /// <summary>Objects by key (<c>namespace/name</c>, namespace empty for cluster-scoped), ordered for paging.</summary>
    public ImmutableSortedDictionary<string, JsonObject> Objects { get; private set; } = NoObjects;

    /// <summary>Live watches.</summary>
    public IReadOnlyList<WatchSubscription> Watchers => _watchers.All;

    /// <summary>The storage key of an object.</summary>
    /// <param name="ns">Namespace or <see langword="null"/>.</param>
    /// <param name="name">Name.</param>
    /// <returns>The key.</returns>
    public static string Key(string? ns, string name) => $"{ns}/{name}";

    /// <summary>Stores (or replaces) an object and records the change in the history; <see cref="Publish"/> sends it to watches.</summary>
    /// <param name="key">Its key.</param>
    /// <param name="storedEvent">The change.</param>
    public void Put(string key, StoredEvent storedEvent)
    {
        Objects = storedEvent.Type == StoredEvent.Deleted ? Objects.Remove(key) : Objects.SetItem(key, storedEvent.Object);
        _history.Enqueue(storedEvent);
        while (_history.Count > _historyPolicy.Limit)
        {
            CompactedThrough = _history.Dequeue().ResourceVersion;
        }

        Expire(storedEvent.At);
    }

    /// <summary>Queues a change on the watches that can select it.</summary>
    /// <param name="storedEvent">The change.</param>
    public void Publish(StoredEvent storedEvent) => _watchers.Publish(storedEvent);

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
    /// <param name="includeInternal">Whether the server's own watches end too.</param>
    public void CloseWatchers(bool includeInternal)
    {
        foreach (var watcher in _watchers.All.Where(w => includeInternal || !w.IsInternal).ToArray())
        {
            watcher.Close();
            _watchers.Remove(watcher);
        }
    }
}

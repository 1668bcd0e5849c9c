using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Scheduling;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>
/// An in-memory copy of one resource kept current by list + watch (what client-go calls a reflector plus a store):
/// lists with pagination, watches from the list's resourceVersion with bookmarks, watches again from the last seen
/// resourceVersion when the server closes the stream, relists on 410 Gone and then reports only what really changed,
/// and backs off exponentially with jitter on errors. Reads are thread-safe; changes arrive on <see cref="Events"/>.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
/// <example>
/// <code>
/// var nodes = new ListWatchCache&lt;V1Node&gt;(new NodeSource(client), TimeProvider.System, logger);
/// var run = nodes.RunAsync(stopping);
/// await nodes.WaitForSyncAsync(stopping);
/// await foreach (var change in nodes.Events.ReadAllAsync(stopping)) { queue.Add(change.Key); }
/// </code>
/// </example>
internal sealed partial class ListWatchCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IListWatchSource<T> _source;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _pageSize;
    private readonly RetryBackoff _backoff;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly Channel<CacheEvent<T>> _events = Channel.CreateUnbounded<CacheEvent<T>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Dictionary<string, T> _items = new(StringComparer.Ordinal);

    // Objects that do not bind to T, by key, apart from _items (docs/design.md §2, Unreadable jobs).
    private Dictionary<string, UnreadableObject> _unreadable = new(StringComparer.Ordinal);

    // Resource versions of nameless unreadable objects already logged (a server never stores one; a last resort).
    private readonly HashSet<string> _namelessLogged = new(StringComparer.Ordinal);
    private string? _resourceVersion;
    private int _started;
    private int _failures;

    /// <summary>Creates a cache; nothing happens until <see cref="RunAsync"/>.</summary>
    /// <param name="source">What to list and watch.</param>
    /// <param name="time">Clock for backoff delays.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="options">Tuning, or <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When the page size or a backoff delay is not positive.</exception>
    public ListWatchCache(IListWatchSource<T> source, TimeProvider time, ILogger logger, ListWatchCacheOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options ??= new ListWatchCacheOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PageSize);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.InitialBackoff, TimeSpan.Zero, "options.InitialBackoff");
        _source = source;
        _time = time;
        _logger = logger;
        _pageSize = options.PageSize;
        _backoff = RetryBackoff.EqualJitter(options.InitialBackoff, options.MaxBackoff);
        _random = options.Random ?? Random.Shared;
    }

    /// <summary>The resource, for logs.</summary>
    public string Resource => _source.Resource;

    /// <summary>Whether the first list has completed.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>Changes, in the order they were applied; completes when <see cref="RunAsync"/> ends. One reader.</summary>
    public ChannelReader<CacheEvent<T>> Events => _events.Reader;

    /// <summary>The last resourceVersion seen (from a list, an event or a bookmark).</summary>
    public string? ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>How many objects the cache holds that do not bind to the model.</summary>
    public int UnreadableCount
    {
        get
        {
            lock (_gate)
            {
                return _unreadable.Count;
            }
        }
    }

    /// <summary>How many objects are cached.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Gets an object by key.</summary>
    /// <param name="key">The key (<c>name</c> or <c>namespace/name</c>, see <see cref="CacheKey"/>).</param>
    /// <param name="value">The cached object; callers must not modify it.</param>
    /// <returns>Whether it is cached.</returns>
    public bool TryGet(string key, [MaybeNullWhen(false)] out T value)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            return _items.TryGetValue(key, out value);
        }
    }

    /// <summary>
    /// Gets an object that the server has but that does not bind to the model: <see cref="TryGet"/> does not find it,
    /// <see cref="List"/> leaves it out (docs/design.md §2, Unreadable jobs).
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="value">What could be read of it.</param>
    /// <returns>Whether the key is an unreadable object.</returns>
    public bool TryGetUnreadable(string key, [MaybeNullWhen(false)] out UnreadableObject value)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            return _unreadable.TryGetValue(key, out value);
        }
    }

    /// <summary>A snapshot of every cached object; later changes do not affect it.</summary>
    /// <returns>The objects, in no particular order.</returns>
    public IReadOnlyList<T> List()
    {
        lock (_gate)
        {
            return [.. _items.Values];
        }
    }

    /// <summary>Completes once the first list is in the cache.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task.</returns>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>Applies one watch event under the lock and reports what it changed.</summary>
    private void Apply(WatchItem<T> item)
    {
        lock (_gate)
        {
            var version = item.Object is { } typed ? typed.Metadata?.ResourceVersion : item.Unreadable?.Metadata.ResourceVersion;
            if (item.Type is WatchEventType.Added or WatchEventType.Modified)
            {
                if (item.Object is { } obj)
                {
                    Store(CacheKey.For(obj), obj);
                }
                else if (item.Unreadable is { } bad)
                {
                    StoreUnreadable(bad);
                }
            }
            else if (item.Type == WatchEventType.Deleted)
            {
                var key = item.Object is { } obj ? CacheKey.For(obj) : item.Unreadable?.Key ?? string.Empty;
                var hadItem = _items.Remove(key, out var old);
                var hadBad = _unreadable.Remove(key, out var lastBad);
                if (hadItem || hadBad)
                {
                    Emit(CacheEventType.Deleted, key, item.Object ?? old, old, item.Object is null ? item.Unreadable ?? lastBad : null);
                }
            }

            if (!string.IsNullOrEmpty(version))
            {
                _resourceVersion = version;
            }
        }
    }

    /// <summary>Stores a typed object (under the lock) and reports it: new, readable again, or changed.</summary>
    private void Store(string key, T obj)
    {
        if (_unreadable.Remove(key))
        {
            _items[key] = obj;
            Log.ReadableAgain(_logger, Resource, key, obj.Metadata.ResourceVersion);
            Emit(CacheEventType.Added, key, obj, null);
        }
        else if (!_items.TryGetValue(key, out var old))
        {
            _items[key] = obj;
            Emit(CacheEventType.Added, key, obj, null);
        }
        else if (old.Metadata.ResourceVersion != obj.Metadata.ResourceVersion)
        {
            // Same resourceVersion = an event replayed after a resume; reporting it again would be a duplicate.
            _items[key] = obj;
            Emit(CacheEventType.Updated, key, obj, old);
        }
    }

    /// <summary>
    /// Stores an object that does not bind (under the lock): its typed state, if any, leaves the cache. A fault is
    /// logged once (see <see cref="UnreadableObject.SameFault"/>), not per resourceVersion, relist or watch resume;
    /// a change is reported unless it is a replay of the same resourceVersion.
    /// </summary>
    private void StoreUnreadable(UnreadableObject bad)
    {
        var key = bad.Key;
        if (key.Length == 0)
        {
            if (_namelessLogged.Add(bad.Metadata.ResourceVersion ?? string.Empty))
            {
                Log.NamelessUnreadable(_logger, Resource, bad.Metadata.ResourceVersion, bad.Description);
            }

            return;
        }

        _items.Remove(key, out var old);
        if (!_unreadable.TryGetValue(key, out var before) || !before.SameFault(bad))
        {
            Log.Unreadable(_logger, Resource, bad.Name, bad.Metadata.ResourceVersion, bad.FieldPath, bad.Problem);
        }

        _unreadable[key] = bad;
        if (old is not null || before is null || before.Metadata.ResourceVersion != bad.Metadata.ResourceVersion)
        {
            Emit(CacheEventType.Unreadable, key, null, old, bad);
        }
    }

    /// <summary>Replaces the whole cache with a fresh list and reports only the differences.</summary>
    private (int Added, int Updated, int Deleted) Replace(Dictionary<string, T> fresh, List<UnreadableObject> freshUnreadable, string resourceVersion)
    {
        int added = 0, updated = 0, deleted = 0;
        lock (_gate)
        {
            var oldItems = _items;
            var oldUnreadable = _unreadable;
            _items = new Dictionary<string, T>(oldItems, StringComparer.Ordinal);
            _unreadable = new Dictionary<string, UnreadableObject>(oldUnreadable, StringComparer.Ordinal);
            foreach (var (key, obj) in fresh)
            {
                var known = oldItems.TryGetValue(key, out var old);
                added += known || oldUnreadable.ContainsKey(key) ? 0 : 1;
                updated += known && old!.Metadata.ResourceVersion != obj.Metadata.ResourceVersion ? 1 : 0;
                Store(key, obj);
            }

            var unreadableKeys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var bad in freshUnreadable)
            {
                StoreUnreadable(bad);
                unreadableKeys.Add(bad.Key);
            }

            foreach (var (key, old) in oldItems)
            {
                if (!fresh.ContainsKey(key) && !unreadableKeys.Contains(key))
                {
                    deleted++;
                    _items.Remove(key);
                    Emit(CacheEventType.Deleted, key, old, old);
                }
            }

            foreach (var (key, bad) in oldUnreadable)
            {
                if (!fresh.ContainsKey(key) && !unreadableKeys.Contains(key))
                {
                    deleted++;
                    _unreadable.Remove(key);
                    Emit(CacheEventType.Deleted, key, null, null, bad);
                }
            }

            _resourceVersion = resourceVersion;
        }

        return (added, updated, deleted);
    }

    private void Emit(CacheEventType type, string key, T? obj, T? old, UnreadableObject? unreadable = null) =>
        _events.Writer.TryWrite(new CacheEvent<T>(type, key, obj, old, unreadable));
}

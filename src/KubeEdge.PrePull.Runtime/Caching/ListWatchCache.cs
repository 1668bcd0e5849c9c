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
    private void Apply(WatchEventType type, T obj)
    {
        lock (_gate)
        {
            var version = obj.Metadata?.ResourceVersion;
            if (type is WatchEventType.Added or WatchEventType.Modified)
            {
                var key = CacheKey.For(obj);
                if (!_items.TryGetValue(key, out var old))
                {
                    _items[key] = obj;
                    Emit(CacheEventType.Added, key, obj, null);
                }
                else if (old.Metadata.ResourceVersion != version)
                {
                    // Same resourceVersion = an event replayed after a resume; reporting it again would be a duplicate.
                    _items[key] = obj;
                    Emit(CacheEventType.Updated, key, obj, old);
                }
            }
            else if (type == WatchEventType.Deleted)
            {
                var key = CacheKey.For(obj);
                if (_items.Remove(key, out var old))
                {
                    Emit(CacheEventType.Deleted, key, obj, old);
                }
            }

            if (!string.IsNullOrEmpty(version))
            {
                _resourceVersion = version;
            }
        }
    }

    /// <summary>Replaces the whole cache with a fresh list and reports only the differences.</summary>
    private (int Added, int Updated, int Deleted) Replace(Dictionary<string, T> fresh, string resourceVersion)
    {
        int added = 0, updated = 0, deleted = 0;
        lock (_gate)
        {
            foreach (var (key, obj) in fresh)
            {
                if (!_items.TryGetValue(key, out var old))
                {
                    added++;
                    Emit(CacheEventType.Added, key, obj, null);
                }
                else if (old.Metadata.ResourceVersion != obj.Metadata.ResourceVersion)
                {
                    updated++;
                    Emit(CacheEventType.Updated, key, obj, old);
                }
            }

            foreach (var (key, old) in _items)
            {
                if (!fresh.ContainsKey(key))
                {
                    deleted++;
                    Emit(CacheEventType.Deleted, key, old, old);
                }
            }

            _items = fresh;
            _resourceVersion = resourceVersion;
        }

        return (added, updated, deleted);
    }

    private void Emit(CacheEventType type, string key, T obj, T? old) =>
        _events.Writer.TryWrite(new CacheEvent<T>(type, key, obj, old));
}

namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>What happened to a cached object.</summary>
internal enum CacheEventType
{
    /// <summary>The object is new to the cache, or readable again after it was unreadable.</summary>
    Added,

    /// <summary>The object changed (its resourceVersion differs from the cached one).</summary>
    Updated,

    /// <summary>The object is gone from the server (readable or not).</summary>
    Deleted,

    /// <summary>
    /// The object does not bind to the model: it is new and unreadable, became unreadable (its typed state is no longer
    /// in the cache) or changed while unreadable. See <see cref="ListWatchCache{T}.TryGetUnreadable"/>.
    /// </summary>
    Unreadable,
}

namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>What happened to a cached object.</summary>
internal enum CacheEventType
{
    /// <summary>The object is new to the cache.</summary>
    Added,

    /// <summary>The object changed (its resourceVersion differs from the cached one).</summary>
    Updated,

    /// <summary>The object is gone from the server.</summary>
    Deleted,
}

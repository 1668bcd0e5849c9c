namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>One change of a <see cref="ListWatchCache{T}"/>.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Type">What happened.</param>
/// <param name="Key">The object's key (<c>name</c> or <c>namespace/name</c>), see <see cref="CacheKey"/>.</param>
/// <param name="Object">The new state; for <see cref="CacheEventType.Deleted"/> the last state known.</param>
/// <param name="OldObject">The state cached before the change, or <see langword="null"/> for <see cref="CacheEventType.Added"/>.</param>
internal sealed record CacheEvent<T>(CacheEventType Type, string Key, T Object, T? OldObject)
    where T : class;

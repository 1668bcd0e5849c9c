namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>One change of a <see cref="ListWatchCache{T}"/>.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Type">What happened.</param>
/// <param name="Key">The object's key (<c>name</c> or <c>namespace/name</c>), see <see cref="CacheKey"/>.</param>
/// <param name="Object">
/// The new state; for <see cref="CacheEventType.Deleted"/> the last state known. <see langword="null"/> only when the
/// object is (or, for a deletion, was) unreadable: then <paramref name="Unreadable"/> is set.
/// </param>
/// <param name="OldObject">The state cached before the change, or <see langword="null"/> for <see cref="CacheEventType.Added"/>.</param>
/// <param name="Unreadable">What could be read of an unreadable object (<see cref="CacheEventType.Unreadable"/>, or a deletion of one).</param>
internal sealed record CacheEvent<T>(CacheEventType Type, string Key, T? Object, T? OldObject, UnreadableObject? Unreadable = null)
    where T : class;

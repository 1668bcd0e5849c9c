using System.Runtime.CompilerServices;
using k8s;

namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>One event of a watch as a source read it: the typed object, or, when it does not bind, what could be read of it.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Type">The event type.</param>
/// <param name="Object">The typed object, or <see langword="null"/> when the object is <paramref name="Unreadable"/>.</param>
/// <param name="Unreadable">Set when the object did not bind to <typeparamref name="T"/> (docs/design.md §2, Unreadable jobs).</param>
internal readonly record struct WatchItem<T>(WatchEventType Type, T? Object, UnreadableObject? Unreadable = null)
{
    /// <summary>
    /// The events of a typed watch of a built-in resource (nodes, secrets), whose objects every API server validates,
    /// so they always bind.
    /// </summary>
    /// <param name="events">The typed watch.</param>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <returns>The same events.</returns>
    public static async IAsyncEnumerable<WatchItem<T>> Typed(IAsyncEnumerable<(WatchEventType Type, T Object)> events, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (type, obj) in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return new WatchItem<T>(type, obj);
        }
    }
}

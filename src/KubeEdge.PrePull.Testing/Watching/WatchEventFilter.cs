using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Storage;

namespace KubeEdge.PrePull.Testing.Watching;

/// <summary>
/// Applies selectors to watch events like kube-apiserver: an object entering the selection is ADDED, one
/// leaving it is DELETED, and changes outside it are not sent.
/// </summary>
internal static class WatchEventFilter
{
    /// <summary>Translates an event for a selector.</summary>
    /// <param name="storedEvent">The stored change.</param>
    /// <param name="matches">The selector.</param>
    /// <returns>The event type to send, or <see langword="null"/> to skip it.</returns>
    public static string? Translate(StoredEvent storedEvent, Func<JsonObject, bool> matches)
    {
        var now = matches(storedEvent.Object);
        if (storedEvent.Type != StoredEvent.Modified)
        {
            return now ? storedEvent.Type : null;
        }

        var before = storedEvent.Previous is not null && matches(storedEvent.Previous);
        return (before, now) switch
        {
            (true, true) => StoredEvent.Modified,
            (false, true) => StoredEvent.Added,
            (true, false) => StoredEvent.Deleted,
            _ => null,
        };
    }
}

using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Selectors;

namespace KubeEdge.PrePull.Testing.Storage;

/// <summary>
/// What a selected watch can match besides its namespace: the values one label (or the object's name) must have, so
/// the store hands it only the events of objects that have (or had) one of them (docs/design.md §3 "Watch fan-out").
/// The selector itself is still applied to every event the watch receives.
/// </summary>
/// <param name="Key">A label key, or <see cref="NameKey"/> for <c>metadata.name</c>.</param>
/// <param name="Values">The values it must have (at least one).</param>
internal sealed record WatchRoute(string Key, IReadOnlyList<string> Values)
{
    /// <summary>The key standing for <c>metadata.name</c> (not a valid label key, so it never collides with one).</summary>
    public const string NameKey = "/metadata.name";

    /// <summary>The route of a watch's selectors: the name from the field selector, else the label selector's first equality requirement.</summary>
    /// <param name="labels">The label selector.</param>
    /// <param name="fields">The field selector.</param>
    /// <returns>The route, or <see langword="null"/> when the selectors narrow nothing that can be indexed.</returns>
    public static WatchRoute? For(LabelSelector labels, FieldSelector fields)
    {
        if (fields.RequiredValue("metadata.name") is { } name)
        {
            return new WatchRoute(NameKey, [name]);
        }

        return labels.TryGetRequiredValues(out var key, out var values) ? new WatchRoute(key, values) : null;
    }

    /// <summary>An object's value of a route key.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="key">A label key or <see cref="NameKey"/>.</param>
    /// <returns>The value, or <see langword="null"/> when it has none.</returns>
    public static string? ValueOf(JsonObject obj, string key)
    {
        if (obj["metadata"] is not JsonObject meta)
        {
            return null;
        }

        if (key == NameKey)
        {
            return (string?)meta["name"];
        }

        // A label whose value is JSON null reads as the empty value, as JsonLabels reads it.
        return meta["labels"] is JsonObject labels && labels.TryGetPropertyValue(key, out var value) ? (string?)value ?? string.Empty : null;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using KubeEdge.PrePull.Runtime.ApiServer;

namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>
/// An object the server stored but whose JSON does not bind to the typed model (a value of the wrong type, a number
/// out of range): what could still be read of it, and the field at fault. The cache keeps it apart from the typed
/// objects so that one such object stops nothing else (docs/design.md §2, Unreadable jobs).
/// </summary>
/// <param name="Metadata">Its metadata as far as it reads (at least the name when it has one).</param>
/// <param name="FieldPath">The field at fault, e.g. <c>spec.imagePrePullTemplate.concurrency</c>; empty for the whole object.</param>
/// <param name="Problem">What is wrong with that field, without the path (it names types and numbers, never string values).</param>
/// <param name="Phase"><c>status.phase</c> when it is a string, else <see langword="null"/>.</param>
/// <param name="Reason"><c>status.reason</c> when it is a string, else <see langword="null"/>.</param>
internal sealed record UnreadableObject(V1ObjectMeta Metadata, string FieldPath, string Problem, string? Phase, string? Reason)
{
    /// <summary>Longest problem text kept: a path through user-chosen map keys could be as long as the object.</summary>
    public const int MaxProblemLength = 512;

    /// <summary>The name, or empty when even that could not be read.</summary>
    public string Name => Metadata.Name ?? string.Empty;

    /// <summary>The cache key (see <see cref="CacheKey"/>), or empty when the object has no readable name.</summary>
    public string Key => Name.Length == 0 ? string.Empty : CacheKey.For(Metadata.NamespaceProperty, Name);

    /// <summary>The field and the problem, e.g. <c>spec.imagePrePullTemplate.concurrency: expected an integer, got a string</c>.</summary>
    public string Description => FieldPath.Length == 0 ? Problem : FieldPath + ": " + Problem;

    /// <summary>
    /// Whether <paramref name="other"/> is the same fault of the same object: same UID, same generation (a spec change
    /// bumps it, a status write does not) and same description. The cache logs a fault once, not per resourceVersion,
    /// so the controller's own status write on the object is not logged again.
    /// </summary>
    public bool SameFault(UnreadableObject other) =>
        Metadata.Uid == other.Metadata.Uid && Metadata.Generation == other.Metadata.Generation && Description == other.Description;

    /// <summary>Reads what it can of an object that did not bind.</summary>
    /// <param name="node">The object as sent by the server.</param>
    /// <param name="fieldPath">The field at fault.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <returns>The unreadable object.</returns>
    public static UnreadableObject From(JsonNode? node, string fieldPath, string problem)
    {
        var obj = node as JsonObject;
        var status = obj?["status"] as JsonObject;
        return new UnreadableObject(
            ReadMetadata(obj?["metadata"] as JsonObject),
            Cap(fieldPath),
            Cap(problem),
            StringAt(status, "phase"),
            StringAt(status, "reason"));
    }

    private static V1ObjectMeta ReadMetadata(JsonObject? metadata)
    {
        if (metadata is null)
        {
            return new V1ObjectMeta();
        }

        try
        {
            return metadata.Deserialize(ApiJsonContext.Default.V1ObjectMeta) ?? new V1ObjectMeta();
        }
        catch (JsonException)
        {
            // Metadata the server wrote always reads; this is a last resort for the fields the cache needs.
            return new V1ObjectMeta
            {
                Name = StringAt(metadata, "name"),
                NamespaceProperty = StringAt(metadata, "namespace"),
                Uid = StringAt(metadata, "uid"),
                ResourceVersion = StringAt(metadata, "resourceVersion"),
            };
        }
    }

    private static string? StringAt(JsonObject? obj, string name) =>
        obj is not null && obj.TryGetPropertyValue(name, out var value) && value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string Cap(string text) => text.Length <= MaxProblemLength ? text : text[..(MaxProblemLength - 3)] + "...";
}

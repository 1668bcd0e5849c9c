using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Storage;

/// <summary>
/// Whether two JSON documents mean the same: objects compare by key whatever the property order, arrays by
/// position, numbers by value and strings by content. Decides no-op writes and validation ratcheting.
/// </summary>
internal static class JsonEquality
{
    /// <summary>Compares two documents.</summary>
    /// <param name="left">One document (or <see langword="null"/>).</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool Same(JsonNode? left, JsonNode? right)
    {
        switch (left, right)
        {
            case (null, null):
                return true;
            case (JsonObject a, JsonObject b):
                return a.Count == b.Count && a.All(p => b.TryGetPropertyValue(p.Key, out var other) && Same(p.Value, other));
            case (JsonArray a, JsonArray b):
                return a.Count == b.Count && a.Select((item, i) => Same(item, b[i])).All(equal => equal);
            case (JsonValue a, JsonValue b):
                var kind = a.GetValueKind();
                if (kind != b.GetValueKind())
                {
                    return false;
                }

                return kind switch
                {
                    JsonValueKind.String => a.GetValue<string>() == b.GetValue<string>(),
                    JsonValueKind.Number => SameNumber(a.ToJsonString(), b.ToJsonString()),
                    _ => true, // true, false, null: the kind says it all.
                };
            default:
                return false;
        }
    }

    private static bool SameNumber(string left, string right) =>
        left == right
        || (decimal.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && decimal.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            && a == b)
        || double.Parse(left, NumberStyles.Float, CultureInfo.InvariantCulture) == double.Parse(right, NumberStyles.Float, CultureInfo.InvariantCulture);
}

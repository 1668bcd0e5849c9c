using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Tables;

/// <summary>Evaluates the dotted JSONPaths printer columns use (<c>.status.summary.total</c>, <c>.spec.items[0].name</c>).</summary>
internal static class SimpleJsonPath
{
    /// <summary>Finds the value at a path.</summary>
    /// <param name="root">The object.</param>
    /// <param name="path">The path, with or without braces and leading dot.</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    public static JsonNode? Evaluate(JsonNode root, string path)
    {
        JsonNode? current = root;
        foreach (var segment in path.Trim('{', '}').TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            current = name.Length == 0 ? current : (current as JsonObject)?[name];
            if (bracket >= 0 && int.TryParse(segment[(bracket + 1)..^1], out var index))
            {
                current = current is JsonArray array && index < array.Count ? array[index] : null;
            }

            if (current is null)
            {
                return null;
            }
        }

        return current;
    }
}

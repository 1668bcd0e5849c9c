using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Tables;

/// <summary>One column of a <c>meta.k8s.io/v1 Table</c>: its definition and how a row's cell is computed.</summary>
/// <param name="Name">Header (kubectl upper-cases it).</param>
/// <param name="Type">OpenAPI type of the cells (<c>string</c>, <c>integer</c>, <c>date</c>, ...).</param>
/// <param name="Cell">The cell of an object; the second argument is the current time, for ages.</param>
/// <param name="Priority">0 shows by default; 1 only with <c>-o wide</c>.</param>
/// <param name="Format">Column format; <c>name</c> marks the object's name.</param>
internal sealed record TableColumn(string Name, string Type, Func<JsonObject, DateTimeOffset, object?> Cell, int Priority = 0, string Format = "")
{
    /// <summary>The NAME column every printer starts with.</summary>
    public static TableColumn ObjectName { get; } = new("Name", "string", (o, _) => (string?)o["metadata"]?["name"] ?? string.Empty, Format: "name");

    /// <summary>The AGE column of the built-in printers: the humanized age as a string.</summary>
    public static TableColumn Age { get; } = new("Age", "string", (o, now) => Since(now, Text(o, "metadata", "creationTimestamp")));

    /// <summary>A string cell at <paramref name="path"/> (a JSON path of property names), empty when absent.</summary>
    /// <param name="o">The object.</param>
    /// <param name="path">Property names from the root.</param>
    /// <returns>The text.</returns>
    public static string Text(JsonObject o, params string[] path)
    {
        JsonNode? node = o;
        foreach (var name in path)
        {
            node = (node as JsonObject)?[name];
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : string.Empty;
    }

    /// <summary>The humanized time from a timestamp to <paramref name="now"/> (<c>5m</c>), or <c>&lt;unknown&gt;</c>.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="timestamp">An RFC 3339 time, or empty.</param>
    /// <returns>The text.</returns>
    public static string Since(DateTimeOffset now, string timestamp) =>
        DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? HumanDuration.Format(now - when)
            : "<unknown>";
}

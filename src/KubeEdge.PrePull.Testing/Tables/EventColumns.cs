using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Tables;

/// <summary>
/// kube-apiserver's event columns: LAST SEEN TYPE REASON OBJECT MESSAGE, and with <c>-o wide</c> SUBOBJECT, SOURCE,
/// FIRST SEEN, COUNT and NAME (kube puts them between the others in this order).
/// </summary>
internal static class EventColumns
{
    /// <summary>The columns in order.</summary>
    public static IReadOnlyList<TableColumn> All { get; } =
    [
        new("Last Seen", "string", (o, now) => Since(o, now, "lastTimestamp", "eventTime", "firstTimestamp")),
        new("Type", "string", (o, _) => TableColumn.Text(o, "type")),
        new("Reason", "string", (o, _) => TableColumn.Text(o, "reason")),
        new("Object", "string", (o, _) => TableColumn.Text(o, "involvedObject", "kind").ToLowerInvariant() + "/" + TableColumn.Text(o, "involvedObject", "name")),
        new("Subobject", "string", (o, _) => TableColumn.Text(o, "involvedObject", "fieldPath"), Priority: 1),
        new("Source", "string", (o, _) => Source(o), Priority: 1),
        new("Message", "string", (o, _) => TableColumn.Text(o, "message").Trim()),
        new("First Seen", "string", (o, now) => Since(o, now, "firstTimestamp", "eventTime"), Priority: 1),
        new("Count", "string", (o, _) => (long?)o["series"]?["count"] ?? (long?)o["count"] ?? 1, Priority: 1),
        new("Name", "string", (o, _) => TableColumn.Text(o, "metadata", "name"), Priority: 1, Format: "name"),
    ];

    private static string Since(JsonObject o, DateTimeOffset now, params string[] fields)
    {
        foreach (var field in fields)
        {
            if (TableColumn.Text(o, field) is { Length: > 0 } timestamp)
            {
                return TableColumn.Since(now, timestamp);
            }
        }

        return "<unknown>";
    }

    private static string Source(JsonObject o)
    {
        var component = TableColumn.Text(o, "source", "component");
        var host = TableColumn.Text(o, "source", "host");
        if (component.Length == 0)
        {
            component = TableColumn.Text(o, "reportingComponent");
            host = TableColumn.Text(o, "reportingInstance");
        }

        return host.Length == 0 ? component : $"{component}, {host}";
    }
}

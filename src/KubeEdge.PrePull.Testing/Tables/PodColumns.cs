using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Tables;

/// <summary>kube-apiserver's pod columns: NAME READY STATUS RESTARTS AGE, and with <c>-o wide</c> IP, NODE, NOMINATED NODE, READINESS GATES.</summary>
internal static class PodColumns
{
    /// <summary>The columns in order.</summary>
    public static IReadOnlyList<TableColumn> All { get; } =
    [
        TableColumn.ObjectName,
        new("Ready", "string", (o, _) => Ready(o)),
        new("Status", "string", (o, _) => Status(o)),
        new("Restarts", "string", (o, _) => Statuses(o).Sum(s => (long?)s["restartCount"] ?? 0)),
        TableColumn.Age,
        new("IP", "string", (o, _) => NoneIfEmpty(TableColumn.Text(o, "status", "podIP")), Priority: 1),
        new("Node", "string", (o, _) => NoneIfEmpty(TableColumn.Text(o, "spec", "nodeName")), Priority: 1),
        new("Nominated Node", "string", (o, _) => NoneIfEmpty(TableColumn.Text(o, "status", "nominatedNodeName")), Priority: 1),
        new("Readiness Gates", "string", (o, _) => (o["spec"]?["readinessGates"] as JsonArray)?.Count is > 0 and var n ? F($"0/{n}") : "<none>", Priority: 1),
    ];

    private static IEnumerable<JsonNode> Statuses(JsonObject o) =>
        (o["status"]?["containerStatuses"] as JsonArray)?.OfType<JsonNode>() ?? [];

    private static string Ready(JsonObject o)
    {
        var total = (o["spec"]?["containers"] as JsonArray)?.Count ?? 0;
        var ready = Statuses(o).Count(s => (bool?)s["ready"] == true);
        return F($"{ready}/{total}");
    }

    private static string Status(JsonObject o)
    {
        if (o["metadata"]?["deletionTimestamp"] is not null)
        {
            return "Terminating";
        }

        foreach (var status in Statuses(o))
        {
            var reason = (string?)status["state"]?["waiting"]?["reason"] ?? (string?)status["state"]?["terminated"]?["reason"];
            if (reason is not null && reason != "Completed")
            {
                return reason;
            }
        }

        return (string?)o["status"]?["phase"] ?? "Pending";
    }

    private static string NoneIfEmpty(string text) => text.Length == 0 ? "<none>" : text;

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Tables;

/// <summary>The columns kube-apiserver prints for nodes and pods, in the same order and format.</summary>
internal static class BuiltInPrinters
{
    /// <summary>Columns of a kind with a built-in printer, or <see langword="null"/>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Header names and cell functions (the age is passed in).</returns>
    public static IReadOnlyList<(string Name, Func<JsonObject, string, object?> Cell)>? For(string kind) => kind switch
    {
        "Node" =>
        [
            ("Name", (o, _) => Name(o)),
            ("Status", (o, _) => NodeStatus(o)),
            ("Roles", (o, _) => NodeRoles(o)),
            ("Age", (_, age) => age),
            ("Version", (o, _) => (string?)o["status"]?["nodeInfo"]?["kubeletVersion"] ?? string.Empty),
        ],
        "Pod" =>
        [
            ("Name", (o, _) => Name(o)),
            ("Ready", (o, _) => PodReady(o)),
            ("Status", (o, _) => PodStatus(o)),
            ("Restarts", (o, _) => Statuses(o).Sum(s => (long?)s["restartCount"] ?? 0)),
            ("Age", (_, age) => age),
        ],
        _ => null,
    };

    private static string Name(JsonObject o) => (string?)o["metadata"]?["name"] ?? string.Empty;

    private static string NodeStatus(JsonObject o)
    {
        var ready = (o["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => (string?)c?["type"] == "Ready");
        var status = ready is null ? "Unknown" : (string?)ready["status"] == "True" ? "Ready" : "NotReady";
        return (bool?)o["spec"]?["unschedulable"] == true ? status + ",SchedulingDisabled" : status;
    }

    private static string NodeRoles(JsonObject o)
    {
        const string Prefix = "node-role.kubernetes.io/";
        var roles = (o["metadata"]?["labels"] as JsonObject)?
            .Where(l => l.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(l => l.Key[Prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToArray() ?? [];
        return roles.Length == 0 ? "<none>" : string.Join(',', roles);
    }

    private static IEnumerable<JsonNode> Statuses(JsonObject o) =>
        (o["status"]?["containerStatuses"] as JsonArray)?.OfType<JsonNode>() ?? [];

    private static string PodReady(JsonObject o)
    {
        var total = (o["spec"]?["containers"] as JsonArray)?.Count ?? 0;
        var ready = Statuses(o).Count(s => (bool?)s["ready"] == true);
        return string.Create(CultureInfo.InvariantCulture, $"{ready}/{total}");
    }

    private static string PodStatus(JsonObject o)
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
}

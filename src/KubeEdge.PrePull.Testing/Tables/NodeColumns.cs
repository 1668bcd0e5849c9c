using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Tables;

/// <summary>kube-apiserver's node columns: NAME STATUS ROLES AGE VERSION, and with <c>-o wide</c> the addresses and node info.</summary>
internal static class NodeColumns
{
    /// <summary>The columns in order.</summary>
    public static IReadOnlyList<TableColumn> All { get; } =
    [
        TableColumn.ObjectName,
        new("Status", "string", (o, _) => Status(o)),
        new("Roles", "string", (o, _) => Roles(o)),
        TableColumn.Age,
        new("Version", "string", (o, _) => TableColumn.Text(o, "status", "nodeInfo", "kubeletVersion")),
        new("Internal-IP", "string", (o, _) => Address(o, "InternalIP"), Priority: 1),
        new("External-IP", "string", (o, _) => Address(o, "ExternalIP"), Priority: 1),
        new("OS-Image", "string", (o, _) => Info(o, "osImage"), Priority: 1),
        new("Kernel-Version", "string", (o, _) => Info(o, "kernelVersion"), Priority: 1),
        new("Container-Runtime", "string", (o, _) => Info(o, "containerRuntimeVersion"), Priority: 1),
    ];

    private static string Status(JsonObject o)
    {
        var ready = (o["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => (string?)c?["type"] == "Ready");
        var status = ready is null ? "Unknown" : (string?)ready["status"] == "True" ? "Ready" : "NotReady";
        return (bool?)o["spec"]?["unschedulable"] == true ? status + ",SchedulingDisabled" : status;
    }

    private static string Roles(JsonObject o)
    {
        const string Prefix = "node-role.kubernetes.io/";
        var roles = (o["metadata"]?["labels"] as JsonObject)?
            .Where(l => l.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(l => l.Key[Prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToArray() ?? [];
        return roles.Length == 0 ? "<none>" : string.Join(',', roles);
    }

    private static string Address(JsonObject o, string type) =>
        (o["status"]?["addresses"] as JsonArray)?.FirstOrDefault(a => (string?)a?["type"] == type)?["address"]?.GetValue<string>() ?? "<none>";

    private static string Info(JsonObject o, string field) =>
        TableColumn.Text(o, "status", "nodeInfo", field) is { Length: > 0 } text ? text : "<unknown>";
}

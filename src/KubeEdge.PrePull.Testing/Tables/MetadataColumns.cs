using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Tables;

/// <summary>kube-apiserver's columns of the small built-in kinds: namespaces, secrets, leases, and the default printer.</summary>
internal static class MetadataColumns
{
    /// <summary>Namespaces: NAME STATUS AGE.</summary>
    public static IReadOnlyList<TableColumn> Namespace { get; } =
    [
        TableColumn.ObjectName,
        new("Status", "string", (o, _) => TableColumn.Text(o, "status", "phase")),
        TableColumn.Age,
    ];

    /// <summary>Secrets: NAME TYPE DATA AGE (DATA counts the keys; values are never printed).</summary>
    public static IReadOnlyList<TableColumn> Secret { get; } =
    [
        TableColumn.ObjectName,
        new("Type", "string", (o, _) => TableColumn.Text(o, "type")),
        new("Data", "string", (o, _) => (long)((o["data"] as JsonObject)?.Count ?? 0)),
        TableColumn.Age,
    ];

    /// <summary>Leases: NAME HOLDER AGE.</summary>
    public static IReadOnlyList<TableColumn> Lease { get; } =
    [
        TableColumn.ObjectName,
        new("Holder", "string", (o, _) => TableColumn.Text(o, "spec", "holderIdentity")),
        TableColumn.Age,
    ];

    /// <summary>
    /// The default printer of resources without one (CustomResourceDefinitions among them): NAME and CREATED AT, the
    /// creation time in RFC 3339, UTC.
    /// </summary>
    public static IReadOnlyList<TableColumn> CreatedAt { get; } =
    [
        TableColumn.ObjectName,
        new("Created At", "date", (o, _) => Created(o)),
    ];

    private static string Created(JsonObject o) =>
        DateTimeOffset.TryParse(TableColumn.Text(o, "metadata", "creationTimestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : string.Empty;
}

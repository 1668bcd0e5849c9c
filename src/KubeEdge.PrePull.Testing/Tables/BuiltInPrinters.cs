namespace KubeEdge.PrePull.Testing.Tables;

/// <summary>
/// The columns kube-apiserver prints for the built-in kinds this server stores, in the same order, with the same
/// headers and wide-only (priority 1) columns (kube's <c>pkg/printers/internalversion</c> column definitions).
/// </summary>
internal static class BuiltInPrinters
{
    /// <summary>Columns of a kind with a built-in printer, or <see langword="null"/>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The columns.</returns>
    public static IReadOnlyList<TableColumn>? For(string kind) => kind switch
    {
        "Node" => NodeColumns.All,
        "Pod" => PodColumns.All,
        "Event" => EventColumns.All,
        "Namespace" => MetadataColumns.Namespace,
        "Secret" => MetadataColumns.Secret,
        "Lease" => MetadataColumns.Lease,
        "CustomResourceDefinition" => MetadataColumns.CreatedAt,
        _ => null,
    };
}

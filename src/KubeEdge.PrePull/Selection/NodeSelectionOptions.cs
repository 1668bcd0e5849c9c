namespace KubeEdge.PrePull.Selection;

/// <summary>How node selection decides which nodes may run a job.</summary>
public sealed class NodeSelectionOptions
{
    /// <summary>The label that marks a KubeEdge edge node: <c>node-role.kubernetes.io/edge</c>.</summary>
    public const string DefaultEdgeLabel = "node-role.kubernetes.io/edge";

    /// <summary>Whether only edge nodes may run a job. Default: <see langword="true"/> (upstream's rule); switch it off for plain Kubernetes.</summary>
    public bool RequireEdgeLabel { get; set; } = true;

    /// <summary>
    /// The label an edge node carries, with the value <c>""</c> (upstream compares the value exactly).
    /// Default: <see cref="DefaultEdgeLabel"/>.
    /// </summary>
    public string EdgeLabel { get; set; } = DefaultEdgeLabel;
}

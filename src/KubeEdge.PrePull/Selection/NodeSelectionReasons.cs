namespace KubeEdge.PrePull.Selection;

/// <summary>Upstream's texts for nodes and jobs that selection rejects (<c>node_verify.go</c>), kept exactly.</summary>
public static class NodeSelectionReasons
{
    /// <summary>A named node is not in the cluster (prefix; the Kubernetes error follows).</summary>
    public const string FailedToGetNodePrefix = "failed to get node, err: ";

    /// <summary>The node lacks the edge label.</summary>
    public const string NotEdgeNode = "the node is not an edge node";

    /// <summary>The node is not <c>Ready=True</c>.</summary>
    public const string NotReady = "the node is not ready";

    /// <summary>The job selects no node at all.</summary>
    public const string NoNodesMatched = "no nodes were matched with selector";

    /// <summary>Both <c>nodeNames</c> and <c>labelSelector</c> are set.</summary>
    public const string BothSpecified = "nodeNames and nodeSelector cannot be specified at the same time";

    /// <summary>Neither <c>nodeNames</c> nor <c>labelSelector</c> is set.</summary>
    public const string NeitherSpecified = "nodeNames and nodeSelector cannot both be empty";

    /// <summary>
    /// The reason of a named node that does not exist, worded as upstream writes it: it reads through a
    /// controller-runtime cache, whose NotFound error names the kind <c>Node</c>.
    /// </summary>
    /// <param name="nodeName">The node's name.</param>
    /// <returns><c>failed to get node, err: Node "NAME" not found</c>.</returns>
    public static string NodeNotFound(string nodeName) => $"{FailedToGetNodePrefix}Node \"{nodeName}\" not found";
}

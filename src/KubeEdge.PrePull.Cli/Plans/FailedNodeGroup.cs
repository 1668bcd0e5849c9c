namespace KubeEdge.PrePull.Cli.Plans;

/// <summary>Selected nodes that cannot run the job, for one reason (upstream's text).</summary>
/// <param name="Reason">Why, e.g. <c>the node is not ready</c>.</param>
/// <param name="Nodes">The nodes, in selection order.</param>
internal sealed record FailedNodeGroup(string Reason, IReadOnlyList<string> Nodes);

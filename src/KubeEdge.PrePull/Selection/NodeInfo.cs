namespace KubeEdge.PrePull.Selection;

/// <summary>What node selection needs to know about one node of the cluster (a snapshot, not a live object).</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Labels">The node's labels.</param>
/// <param name="IsReady">Whether the node has a <c>Ready</c> condition with status <c>True</c>.</param>
public sealed partial record NodeInfo(string Name, IReadOnlyDictionary<string, string> Labels, bool IsReady);

using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Selection;

namespace KubeEdge.PrePull.Status;

/// <summary>The node list a run starts from: fresh from node selection, or resumed from a job's existing status.</summary>
public static class JobNodes
{
    /// <summary>The nodes of a new job: valid ones <c>Pending</c>, rejected ones <c>Failure</c> with selection's reason.</summary>
    /// <param name="selection">The selected nodes.</param>
    /// <returns>One entry per selected node, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="selection"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<NodeTaskResult> FromSelection(NodeSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return selection.Nodes
            .Select(static n => n.IsValid ? NodeTaskResult.Pending(n.Name) : NodeTaskResult.Failed(n.Name, n.Reason!))
            .ToList();
    }

    /// <summary>
    /// The nodes of a resumed job: a node with a terminal entry in <paramref name="status"/> keeps it, and so does a
    /// node named in its <c>succeededNodes</c> (the record of successful nodes above the detail limit); every other
    /// selected node runs (again): pulls are idempotent.
    /// </summary>
    /// <param name="selection">The selected nodes.</param>
    /// <param name="status">The job's existing status, if any.</param>
    /// <returns>One entry per selected node, in selection order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="selection"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<NodeTaskResult> Resume(NodeSelection selection, ImagePrePullJobStatus? status) =>
        Keep(selection, status, NodeTaskPhases.IsTerminal);

    /// <summary>
    /// The nodes of a rerun of a finished job (docs/design.md §2 "Life cycle"): a node whose entry in
    /// <paramref name="status"/> is <c>Successful</c>, or that is named in its <c>succeededNodes</c>, keeps its result
    /// and is never pulled again; every other selected node (<c>Failure</c>, <c>Unknown</c>, or without an entry) runs
    /// again, and a node rejected at selection now fails with selection's reason.
    /// </summary>
    /// <param name="selection">The selected nodes, as the cluster is now.</param>
    /// <param name="status">The finished job's status, if any.</param>
    /// <returns>One entry per selected node, in selection order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="selection"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<NodeTaskResult> Rerun(NodeSelection selection, ImagePrePullJobStatus? status) =>
        Keep(selection, status, static phase => phase == NodeTaskPhases.Successful);

    private static List<NodeTaskResult> Keep(NodeSelection selection, ImagePrePullJobStatus? status, Func<string?, bool> kept)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var existing = new Dictionary<string, ImagePrePullNodeTaskStatus>(StringComparer.Ordinal);
        foreach (var entry in status?.NodeStatus ?? [])
        {
            if (!string.IsNullOrEmpty(entry.NodeName) && kept(entry.Phase))
            {
                existing.TryAdd(entry.NodeName, entry);
            }
        }

        foreach (var name in SucceededNodeSet.Decode(status?.SucceededNodes))
        {
            existing.TryAdd(name, new ImagePrePullNodeTaskStatus { NodeName = name, Phase = NodeTaskPhases.Successful });
        }

        return FromSelection(selection)
            .Select(n => existing.TryGetValue(n.NodeName, out var entry) ? NodeStatusConverter.FromStatus(entry) : n)
            .ToList();
    }
}

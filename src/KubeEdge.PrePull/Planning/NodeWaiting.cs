using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Selection;

namespace KubeEdge.PrePull.Planning;

/// <summary>
/// Which rejected nodes of a job wait for Ready instead of failing, under its completion policy (docs/design.md §2
/// "Execution"): with an active deadline or <c>type: Never</c>, a NotReady node waits; in a <c>Never</c> job a named
/// node that does not exist yet waits too. A node that is not an edge node always fails. The controller and
/// <c>plan</c> ask the same question here.
/// </summary>
public static class NodeWaiting
{
    /// <summary>Whether a job under <paramref name="policy"/> waits for nodes at all.</summary>
    /// <param name="policy">The job's <c>spec.completionPolicy</c>, as written or defaulted.</param>
    /// <returns><see langword="true"/> with a deadline or <c>type: Never</c>.</returns>
    public static bool WaitsForNodes(CompletionPolicy? policy) =>
        policy is not null && (policy.Type == CompletionPolicyTypes.Never || policy.ActiveDeadlineSeconds is not null);

    /// <summary>Whether one selected node waits for Ready instead of failing.</summary>
    /// <param name="node">The node as selection left it.</param>
    /// <param name="policy">The job's <c>spec.completionPolicy</c>.</param>
    /// <returns>Whether it waits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is <see langword="null"/>.</exception>
    public static bool Waits(SelectedNode node, CompletionPolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Reason is not { } reason || !WaitsForNodes(policy))
        {
            return false;
        }

        return reason == NodeSelectionReasons.NotReady
            || (policy!.Type == CompletionPolicyTypes.Never && reason.StartsWith(NodeSelectionReasons.FailedToGetNodePrefix, StringComparison.Ordinal));
    }

    /// <summary>The names of the selected nodes that wait for Ready.</summary>
    /// <param name="selection">The job's selection.</param>
    /// <param name="policy">The job's <c>spec.completionPolicy</c>.</param>
    /// <returns>The names; empty when the job does not wait for nodes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="selection"/> is <see langword="null"/>.</exception>
    public static IReadOnlySet<string> WaitingNodes(NodeSelection selection, CompletionPolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var waiting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in selection.Nodes)
        {
            if (Waits(node, policy))
            {
                waiting.Add(node.Name);
            }
        }

        return waiting;
    }
}

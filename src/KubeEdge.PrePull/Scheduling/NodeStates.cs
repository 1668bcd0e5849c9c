using System.Collections;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// A copy of a run's node array read through <see cref="SucceededNodes"/>: a position holding
/// <see cref="SucceededNodes.Marker"/> is built from its entry when read (docs/design.md §4 item 2). What
/// <see cref="JobRun.GetNodes"/> and <see cref="JobOutcome.Nodes"/> return once any node was kept as values.
/// </summary>
internal sealed class NodeStates(NodeTaskResult[] nodes, SucceededNodes succeeded) : IReadOnlyList<NodeTaskResult>
{
    public int Count => nodes.Length;

    public NodeTaskResult this[int index] =>
        nodes[index] is var node && ReferenceEquals(node, SucceededNodes.Marker) ? succeeded.Get(index) : node;

    public IEnumerator<NodeTaskResult> GetEnumerator()
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

using k8s.Models;
using KubeEdge.PrePull.Selection;

namespace KubeEdge.PrePull.Planning;

/// <content>Conversions from the Kubernetes client's object and from node selection's snapshot.</content>
public sealed partial record NodeSnapshot
{
    /// <summary>What planning reads of a Node as read from the API server: its name and a copy of its labels.</summary>
    /// <param name="node">The node.</param>
    /// <returns>Its name and labels.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The node has no <c>metadata.name</c>.</exception>
    public static NodeSnapshot FromV1(V1Node node) => From(NodeInfo.FromV1(node));

    /// <summary>What planning reads of a node that selection has seen: its name and labels (shared, not copied).</summary>
    /// <param name="node">The node.</param>
    /// <returns>Its name and labels.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is <see langword="null"/>.</exception>
    public static NodeSnapshot From(NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new NodeSnapshot(node.Name, node.Labels);
    }
}

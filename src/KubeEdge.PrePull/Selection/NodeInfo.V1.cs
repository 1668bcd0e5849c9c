using k8s.Models;

namespace KubeEdge.PrePull.Selection;

/// <content>Conversion from the Kubernetes client's object.</content>
public sealed partial record NodeInfo
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The snapshot of a Node as read from the API server: its name, a copy of its labels, and whether it is ready
    /// (a <c>Ready</c> condition with status <c>True</c>, as upstream checks it).
    /// </summary>
    /// <param name="node">The node.</param>
    /// <returns>Its name, labels and readiness.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The node has no <c>metadata.name</c>.</exception>
    public static NodeInfo FromV1(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var name = node.Metadata?.Name;
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("the node has no metadata.name", nameof(node));
        }

        var labels = node.Metadata!.Labels is { Count: > 0 } found ? new Dictionary<string, string>(found, StringComparer.Ordinal) : NoLabels;
        var ready = node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
        return new NodeInfo(name, labels, ready);
    }
}

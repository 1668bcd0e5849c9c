using k8s.Models;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Selection;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>Turns cached <see cref="V1Node"/> objects into the core's snapshots (names, labels, readiness only).</summary>
internal static class ClusterNodes
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>(StringComparer.Ordinal);

    public static NodeInfo ToNodeInfo(V1Node node) =>
        new(node.Metadata.Name, Labels(node), IsReady(node));

    public static NodeSnapshot ToSnapshot(NodeInfo node) => new(node.Name, node.Labels);

    /// <summary>Ready means a <c>Ready</c> condition with status <c>True</c>, as upstream checks it.</summary>
    public static bool IsReady(V1Node node) =>
        node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static IReadOnlyDictionary<string, string> Labels(V1Node node) =>
        node.Metadata.Labels is { Count: > 0 } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : NoLabels;
}

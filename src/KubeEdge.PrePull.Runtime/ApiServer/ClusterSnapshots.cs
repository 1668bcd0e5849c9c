using k8s.Models;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Selection;

namespace KubeEdge.PrePull.Runtime.ApiServer;

/// <summary>
/// Turns objects read from the API server into the core's snapshots: nodes (name, labels, readiness) and secrets
/// (type and decoded data). The controller and the tool's <c>plan --kubeconfig</c> read clusters the same way.
/// </summary>
internal static class ClusterSnapshots
{
    /// <summary>Where a secret without a namespace lives, as in a <c>name</c>-only reference.</summary>
    public const string DefaultNamespace = "default";

    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>(StringComparer.Ordinal);

    public static NodeInfo ToNodeInfo(V1Node node) =>
        new(node.Metadata.Name, Labels(node), IsReady(node));

    public static NodeSnapshot ToSnapshot(NodeInfo node) => new(node.Name, node.Labels);

    /// <summary>The client has already base64-decoded <c>data</c>; the snapshot keeps its own copy.</summary>
    public static SecretSnapshot ToSnapshot(V1Secret secret) =>
        new(secret.Metadata.NamespaceProperty ?? DefaultNamespace, secret.Metadata.Name, secret.Type,
            secret.Data is null ? new Dictionary<string, byte[]>(StringComparer.Ordinal) : new Dictionary<string, byte[]>(secret.Data, StringComparer.Ordinal));

    /// <summary>Ready means a <c>Ready</c> condition with status <c>True</c>, as upstream checks it.</summary>
    public static bool IsReady(V1Node node) =>
        node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static IReadOnlyDictionary<string, string> Labels(V1Node node) =>
        node.Metadata.Labels is { Count: > 0 } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : NoLabels;
}

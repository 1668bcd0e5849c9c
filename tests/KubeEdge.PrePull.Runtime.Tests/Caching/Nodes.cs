using k8s;
using k8s.Models;

namespace KubeEdge.PrePull.Runtime.Tests.Caching;

/// <summary>Node changes through the real client.</summary>
internal static class Nodes
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<V1Node> CreateAsync(IKubernetes client, string name, IDictionary<string, string>? labels = null) =>
        client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = name, Labels = labels } }, cancellationToken: Ct);

    public static Task<V1Node> LabelAsync(IKubernetes client, string name, string key, string value) =>
        client.CoreV1.PatchNodeAsync(new V1Patch("{\"metadata\":{\"labels\":{\"" + key + "\":\"" + value + "\"}}}", V1Patch.PatchType.MergePatch), name, cancellationToken: Ct);

    public static Task DeleteAsync(IKubernetes client, string name) => client.CoreV1.DeleteNodeAsync(name, cancellationToken: Ct);
}

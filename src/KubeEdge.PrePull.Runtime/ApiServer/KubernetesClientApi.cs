using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace KubeEdge.PrePull.Runtime.ApiServer;

/// <summary>The calls of <see cref="IClusterApi"/> as KubernetesClient's typed operations (the controller's and the tool's transport).</summary>
internal sealed class KubernetesClientApi(IKubernetes client) : IClusterApi
{
    public Task<JsonObject?> ListClusterCustomObjectsAsync(string group, string version, string plural, string? continueToken, string? labelSelector, int limit, CancellationToken cancellationToken) =>
        client.CustomObjects.ListClusterCustomObjectAsync<JsonObject?>(
            group, version, plural, continueParameter: continueToken, labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken);

    public async IAsyncEnumerable<(WatchEventType Type, JsonNode? Object)> WatchClusterCustomObjectsAsync(
        string group, string version, string plural, string? labelSelector, string resourceVersion, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The generic custom-object watch is obsolete in 21.x; the supported one yields JsonElements.
        var events = client.CustomObjects.WatchListClusterCustomObjectAsync(
            group, version, plural, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, onError: onError, cancellationToken: cancellationToken);
        await foreach (var (type, obj) in events.ConfigureAwait(false))
        {
            yield return (type, ToNode(obj));
        }
    }

    public async Task<JsonNode?> GetClusterCustomObjectAsync(string group, string version, string plural, string name, CancellationToken cancellationToken) =>
        ToNode(await client.CustomObjects.GetClusterCustomObjectAsync(group, version, plural, name, cancellationToken: cancellationToken).ConfigureAwait(false));

    public Task PatchClusterCustomObjectStatusAsync(V1Patch patch, string group, string version, string plural, string name, CancellationToken cancellationToken) =>
        client.CustomObjects.PatchClusterCustomObjectStatusAsync(patch, group, version, plural, name, cancellationToken: cancellationToken);

    public Task<V1Node> ReadNodeAsync(string name, CancellationToken cancellationToken) =>
        client.CoreV1.ReadNodeAsync(name, cancellationToken: cancellationToken);

    public Task<V1Secret> ReadNamespacedSecretAsync(string name, string ns, CancellationToken cancellationToken) =>
        client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken);

    public Task<V1SecretList> ListNamespacedSecretAsync(string ns, string fieldSelector, string labelSelector, CancellationToken cancellationToken) =>
        client.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: fieldSelector, labelSelector: labelSelector, cancellationToken: cancellationToken);

    /// <summary>The client hands custom objects over as a <see cref="JsonElement"/>.</summary>
    private static JsonNode? ToNode(object? obj) => obj switch
    {
        null => null,
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        JsonNode node => node,
        _ => JsonNode.Parse(KubernetesJson.Serialize(obj)),
    };
}

using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace KubeEdge.PrePull.Runtime.ApiServer;

/// <summary>
/// The API calls of the shared readers (the custom-object cache, <see cref="ClusterSecretReader"/>) and of the edge
/// agent, so that they read and write the same way over either transport: <see cref="KubernetesClientApi"/>
/// (KubernetesClient's typed operations: the controller, the tool) or <see cref="RestClusterApi"/> (the client's
/// authenticated HTTP connection and generated JSON: the edge agent, which runs trimmed and Native AOT compiled,
/// docs/design.md §3 "The edge agent on a small device"). Errors are KubernetesClient's on both:
/// <see cref="k8s.Autorest.HttpOperationException"/> for an answer that is not 2xx, <see cref="HttpRequestException"/>
/// for no answer, so <see cref="ApiErrors"/> reads them alike.
/// </summary>
internal interface IClusterApi
{
    /// <summary>One page of a cluster-scoped custom resource, as JSON.</summary>
    Task<JsonObject?> ListClusterCustomObjectsAsync(string group, string version, string plural, string? continueToken, string? labelSelector, int limit, CancellationToken cancellationToken);

    /// <summary>Watches a cluster-scoped custom resource from <paramref name="resourceVersion"/>, bookmarks allowed; <c>ERROR</c> events go to <paramref name="onError"/>.</summary>
    IAsyncEnumerable<(WatchEventType Type, JsonNode? Object)> WatchClusterCustomObjectsAsync(string group, string version, string plural, string? labelSelector, string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken);

    /// <summary>One cluster-scoped custom object, as JSON.</summary>
    Task<JsonNode?> GetClusterCustomObjectAsync(string group, string version, string plural, string name, CancellationToken cancellationToken);

    /// <summary>Patches the <c>/status</c> subresource of a cluster-scoped custom object.</summary>
    Task PatchClusterCustomObjectStatusAsync(V1Patch patch, string group, string version, string plural, string name, CancellationToken cancellationToken);

    /// <summary>One Node.</summary>
    Task<V1Node> ReadNodeAsync(string name, CancellationToken cancellationToken);

    /// <summary>One Secret.</summary>
    Task<V1Secret> ReadNamespacedSecretAsync(string name, string ns, CancellationToken cancellationToken);

    /// <summary>The Secrets of a namespace that match both selectors.</summary>
    Task<V1SecretList> ListNamespacedSecretAsync(string ns, string fieldSelector, string labelSelector, CancellationToken cancellationToken);
}

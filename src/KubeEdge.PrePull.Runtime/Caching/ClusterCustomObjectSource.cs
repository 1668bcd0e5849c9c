using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>Lists and watches a cluster-scoped custom resource, e.g. ImagePrePullJobs.</summary>
/// <typeparam name="T">The typed model.</typeparam>
internal sealed class ClusterCustomObjectSource<T> : IListWatchSource<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IKubernetes _client;
    private readonly string _group;
    private readonly string _version;
    private readonly string _plural;
    private readonly string? _labelSelector;

    /// <summary>Creates the source.</summary>
    /// <param name="client">The API client.</param>
    /// <param name="group">API group.</param>
    /// <param name="version">API version to list and watch in.</param>
    /// <param name="plural">Resource plural.</param>
    /// <param name="labelSelector">Only objects matching it, or <see langword="null"/> for all.</param>
    public ClusterCustomObjectSource(IKubernetes client, string group, string version, string plural, string? labelSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(group);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(plural);
        _client = client;
        _group = group;
        _version = version;
        _plural = plural;
        _labelSelector = labelSelector;
    }

    /// <inheritdoc />
    public string Resource => _plural + "." + _group;

    /// <summary>A source of ImagePrePullJobs in their storage version.</summary>
    /// <param name="client">The API client.</param>
    /// <returns>The source.</returns>
    public static ClusterCustomObjectSource<ImagePrePullJob> ImagePrePullJobs(IKubernetes client) =>
        new(client, ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural);

    /// <inheritdoc />
    public async Task<ListPage<T>> ListAsync(string? continueToken, int limit, CancellationToken cancellationToken)
    {
        var list = await _client.CustomObjects.ListClusterCustomObjectAsync<CustomObjectList<T>>(
            _group, _version, _plural, continueParameter: continueToken, labelSelector: _labelSelector, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ListPage<T>([.. list.Items ?? []], list.Metadata?.ResourceVersion, list.Metadata?.ContinueProperty);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The generic custom-object watch is obsolete in 21.x; the supported one yields JsonElements, typed here.
        var events = _client.CustomObjects.WatchListClusterCustomObjectAsync(
            _group, _version, _plural, allowWatchBookmarks: true, labelSelector: _labelSelector, resourceVersion: resourceVersion, onError: onError, cancellationToken: cancellationToken);
        await foreach (var (type, obj) in events.ConfigureAwait(false))
        {
            var typed = obj switch
            {
                T t => t,
                JsonElement e => KubernetesJson.Deserialize<T>(e),
                _ => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(obj)),
            };
            yield return (type, typed);
        }
    }
}

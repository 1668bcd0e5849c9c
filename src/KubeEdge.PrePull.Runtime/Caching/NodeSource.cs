using k8s;
using k8s.Models;

namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>Lists and watches core/v1 Nodes.</summary>
internal sealed class NodeSource : IListWatchSource<V1Node>
{
    private readonly IKubernetes _client;
    private readonly string? _labelSelector;

    /// <summary>Creates the source.</summary>
    /// <param name="client">The API client.</param>
    /// <param name="labelSelector">Only nodes matching it, or <see langword="null"/> for all.</param>
    public NodeSource(IKubernetes client, string? labelSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _labelSelector = labelSelector;
    }

    /// <inheritdoc />
    public string Resource => "nodes";

    /// <inheritdoc />
    public async Task<ListPage<V1Node>> ListAsync(string? continueToken, int limit, CancellationToken cancellationToken)
    {
        var list = await _client.CoreV1.ListNodeAsync(continueParameter: continueToken, labelSelector: _labelSelector, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ListPage<V1Node>([.. list.Items], list.Metadata?.ResourceVersion, list.Metadata?.ContinueProperty);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<WatchItem<V1Node>> WatchAsync(string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken) =>
        WatchItem<V1Node>.Typed(_client.CoreV1.WatchListNodeAsync(allowWatchBookmarks: true, labelSelector: _labelSelector, resourceVersion: resourceVersion, onError: onError, cancellationToken: cancellationToken), cancellationToken);
}

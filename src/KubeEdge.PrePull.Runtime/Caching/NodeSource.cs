using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;

namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>Lists and watches core/v1 Nodes, keeping of each only what <see cref="CachedNode"/> says.</summary>
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
        return new ListPage<V1Node>([.. list.Items.Select(CachedNode.Of)], list.Metadata?.ResourceVersion, list.Metadata?.ContinueProperty);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WatchItem<V1Node>> WatchAsync(string resourceVersion, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = WatchItem<V1Node>.Typed(_client.CoreV1.WatchListNodeAsync(allowWatchBookmarks: true, labelSelector: _labelSelector, resourceVersion: resourceVersion, onError: onError, cancellationToken: cancellationToken), cancellationToken);
        await foreach (var item in events.ConfigureAwait(false))
        {
            // A bookmark's object carries only its resourceVersion, which is kept.
            yield return item.Object is { } node ? item with { Object = CachedNode.Of(node) } : item;
        }
    }
}

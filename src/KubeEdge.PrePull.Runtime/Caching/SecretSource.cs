using k8s;
using k8s.Models;

namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>Lists and watches core/v1 Secrets of one namespace or of all namespaces.</summary>
internal sealed class SecretSource : IListWatchSource<V1Secret>
{
    private readonly IKubernetes _client;
    private readonly string? _namespace;
    private readonly string? _labelSelector;

    /// <summary>Creates the source.</summary>
    /// <param name="client">The API client.</param>
    /// <param name="ns">One namespace, or <see langword="null"/> for all namespaces.</param>
    /// <param name="labelSelector">Only secrets matching it, or <see langword="null"/> for all.</param>
    public SecretSource(IKubernetes client, string? ns = null, string? labelSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _namespace = string.IsNullOrEmpty(ns) ? null : ns;
        _labelSelector = labelSelector;
    }

    /// <inheritdoc />
    public string Resource => _namespace is null ? "secrets" : "secrets in " + _namespace;

    /// <inheritdoc />
    public async Task<ListPage<V1Secret>> ListAsync(string? continueToken, int limit, CancellationToken cancellationToken)
    {
        var list = _namespace is null
            ? await _client.CoreV1.ListSecretForAllNamespacesAsync(continueParameter: continueToken, labelSelector: _labelSelector, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await _client.CoreV1.ListNamespacedSecretAsync(_namespace, continueParameter: continueToken, labelSelector: _labelSelector, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ListPage<V1Secret>([.. list.Items], list.Metadata?.ResourceVersion, list.Metadata?.ContinueProperty);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<WatchItem<V1Secret>> WatchAsync(string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken) =>
        WatchItem<V1Secret>.Typed(
            _namespace is null
                ? _client.CoreV1.WatchListSecretForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: _labelSelector, resourceVersion: resourceVersion, onError: onError, cancellationToken: cancellationToken)
                : _client.CoreV1.WatchListNamespacedSecretAsync(_namespace, allowWatchBookmarks: true, labelSelector: _labelSelector, resourceVersion: resourceVersion, onError: onError, cancellationToken: cancellationToken),
            cancellationToken);
}

using k8s;

namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>
/// The two calls a <see cref="ListWatchCache{T}"/> needs for one resource. Implementations are thin adapters over
/// <see cref="IKubernetes"/>; they keep the generated client's many parameters out of the cache.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
internal interface IListWatchSource<T>
{
    /// <summary>A human-readable name of the resource for logs, e.g. <c>nodes</c>.</summary>
    string Resource { get; }

    /// <summary>Lists one page.</summary>
    /// <param name="continueToken">The previous page's continue token, or <see langword="null"/> for the first page.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; objects that do not bind to <typeparamref name="T"/> are in <see cref="ListPage{T}.Unreadable"/>, never an error.</returns>
    Task<ListPage<T>> ListAsync(string? continueToken, int limit, CancellationToken cancellationToken);

    /// <summary>Watches from a resourceVersion with bookmarks allowed.</summary>
    /// <param name="resourceVersion">Where to resume.</param>
    /// <param name="onError">Receives errors sent inside the stream (e.g. a 410 <c>Expired</c> Status).</param>
    /// <param name="cancellationToken">Ends the watch.</param>
    /// <returns>
    /// The events; the sequence ends when the server closes the stream. An object that does not bind to
    /// <typeparamref name="T"/> comes as <see cref="WatchItem{T}.Unreadable"/>: it never ends the stream.
    /// </returns>
    IAsyncEnumerable<WatchItem<T>> WatchAsync(string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken);
}

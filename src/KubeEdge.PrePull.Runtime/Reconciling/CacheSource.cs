using k8s;
using k8s.Models;
using KubeEdge.PrePull.Runtime.Caching;

namespace KubeEdge.PrePull.Runtime.Reconciling;

/// <summary>
/// A list-watch cache as the source of a reconcile loop. A cache that does not start reconciles (the controller's
/// nodes: a job selects its nodes when it starts) still has its changes read, so its channel does not grow; an
/// observer sees every change (the controller's runs that wait for nodes, docs/design.md §2 "Execution").
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
internal sealed class CacheSource<T>(ListWatchCache<T> cache, bool startsReconciles = true, Action<CacheEvent<T>>? observe = null) : IWatchSource
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc/>
    public Task RunAsync(CancellationToken cancellationToken) => cache.RunAsync(cancellationToken);

    /// <inheritdoc/>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => cache.WaitForSyncAsync(cancellationToken);

    /// <inheritdoc/>
    public IEnumerable<string> Keys() => startsReconciles ? cache.List().Select(CacheKey.For) : [];

    /// <inheritdoc/>
    public async Task PumpAsync(Action<string> changed, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in cache.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (startsReconciles)
                {
                    changed(change.Key);
                }

                observe?.Invoke(change);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The cache stops with the term.
        }
    }
}

namespace KubeEdge.PrePull.Runtime.Reconciling;

/// <summary>
/// Something a <see cref="ReconcileLoop"/> watches during a term: it runs with the term, is synced before the workers
/// start, and names the keys of what it has and of what changes.
/// </summary>
internal interface IWatchSource
{
    /// <summary>Lists and watches until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="cancellationToken">Ends the term's watch.</param>
    /// <returns>A task that ends with the watch.</returns>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Waits until the first list is in.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that ends when synced.</returns>
    Task WaitForSyncAsync(CancellationToken cancellationToken);

    /// <summary>The keys to reconcile at the start of a term: every object the list found.</summary>
    /// <returns>The keys; empty for a source that does not start reconciles.</returns>
    IEnumerable<string> Keys();

    /// <summary>Hands the key of every change to <paramref name="changed"/> until cancelled.</summary>
    /// <param name="changed">Takes a key.</param>
    /// <param name="cancellationToken">Ends the term's watch.</param>
    /// <returns>A task that ends when cancelled or when the source has stopped.</returns>
    Task PumpAsync(Action<string> changed, CancellationToken cancellationToken);
}

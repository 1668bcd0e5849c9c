namespace KubeEdge.PrePull.Runtime.Reconciling;

/// <summary>
/// The part of a <see cref="ReconcileLoop"/> that differs between the controller and the edge agent: what each term
/// watches and reconciles, and how failures are logged (each under its own event ids).
/// </summary>
internal interface IReconcileHost
{
    /// <summary>Sets up a term: its sources (not started yet) and its reconciler.</summary>
    /// <param name="queue">Takes keys that the term's background work wants reconciled again.</param>
    /// <param name="term">Cancelled when the term ends; background work started by the reconciler ends with it.</param>
    /// <returns>The term.</returns>
    ReconcileTerm StartTerm(IReconcileQueue queue, CancellationToken term);

    /// <summary>Ends a term after its workers stopped, before its sources stop: stops the reconciler's background work.</summary>
    /// <param name="term">The term from <see cref="StartTerm"/>.</param>
    /// <returns>A task that ends when the work has stopped.</returns>
    Task EndTermAsync(ReconcileTerm term);

    /// <summary>A reconcile threw; the key is tried again after <paramref name="delay"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="attempt">Consecutive failures of the key.</param>
    /// <param name="delay">The backoff delay chosen.</param>
    /// <param name="exception">What was thrown.</param>
    void ReconcileRetry(string key, int attempt, TimeSpan delay, Exception exception);

    /// <summary>A term failed (e.g. a source broke); a new one starts after the restart delay.</summary>
    /// <param name="exception">What was thrown.</param>
    void LoopFailed(Exception exception);
}

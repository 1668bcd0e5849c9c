namespace KubeEdge.PrePull.Runtime.Reconciling;

/// <summary>What a <see cref="IReconciler"/> asks of the loop after a reconcile that did not throw.</summary>
/// <param name="Requeue">Look at the key again after the next backoff delay of the key, as after an error.</param>
/// <param name="RequeueAfter">Look at the key again after this delay (the key's backoff starts over).</param>
internal readonly record struct ReconcileResult(bool Requeue = false, TimeSpan? RequeueAfter = null)
{
    /// <summary>Done until the next change of the object.</summary>
    public static ReconcileResult Done => default;

    /// <summary>Look at the key again after <paramref name="delay"/>.</summary>
    /// <param name="delay">How long to wait.</param>
    /// <returns>The result.</returns>
    public static ReconcileResult After(TimeSpan delay) => new(RequeueAfter: delay);
}

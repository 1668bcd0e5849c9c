namespace KubeEdge.PrePull.Runtime.Reconciling;

/// <summary>
/// Brings one object to what it should be, looking at it as it is now, never at what an event said happened
/// (level-triggered; docs/design.md §2, Life cycle). A <see cref="ReconcileLoop"/> calls it for one key at a time.
/// </summary>
internal interface IReconciler
{
    /// <summary>Reconciles the object named <paramref name="key"/>; throws to be tried again with backoff.</summary>
    /// <param name="key">The object's key (its name, for cluster-scoped objects).</param>
    /// <param name="cancellationToken">Cancelled when the loop's term ends.</param>
    /// <returns>Whether and when to look at the key again.</returns>
    Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken);
}

namespace KubeEdge.PrePull.Runtime.Reconciling;

/// <summary>
/// Where work that goes on in the background (a job's run) puts the key of its object when it wants it reconciled
/// again; keys already waiting are not queued twice.
/// </summary>
internal interface IReconcileQueue
{
    /// <summary>Queues a key now.</summary>
    /// <param name="key">The key.</param>
    void Add(string key);

    /// <summary>Queues a key once <paramref name="delay"/> has passed on the loop's clock.</summary>
    /// <param name="key">The key.</param>
    /// <param name="delay">How long to wait.</param>
    void AddAfter(string key, TimeSpan delay);
}

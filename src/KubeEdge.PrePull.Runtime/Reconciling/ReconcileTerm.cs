namespace KubeEdge.PrePull.Runtime.Reconciling;

/// <summary>What a host sets up for one term of its loop (a leadership term, one run of the agent).</summary>
/// <param name="Sources">What the term watches; the loop runs them and queues the keys of their changes.</param>
/// <param name="Reconciler">What acts on each key.</param>
internal sealed record ReconcileTerm(IReadOnlyList<IWatchSource> Sources, IReconciler Reconciler);

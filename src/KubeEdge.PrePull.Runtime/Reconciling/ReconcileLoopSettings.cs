namespace KubeEdge.PrePull.Runtime.Reconciling;

/// <summary>The delays and the worker count of one <see cref="ReconcileLoop"/>.</summary>
/// <param name="RetryInitialDelay">The first backoff delay of a key whose reconcile threw.</param>
/// <param name="RetryMaxDelay">The cap of that delay.</param>
/// <param name="RestartDelay">The wait before a failed term is started again.</param>
/// <param name="Workers">How many keys are reconciled at once (never the same key twice at once).</param>
internal sealed record ReconcileLoopSettings(TimeSpan RetryInitialDelay, TimeSpan RetryMaxDelay, TimeSpan RestartDelay, int Workers = 1);

namespace KubeEdge.PrePull.Runtime.Reconciling;

/// <summary>
/// The one watch → queue → reconcile loop of the controller and the edge agent (controller-runtime's controller in
/// small; docs/design.md §3). A term starts the host's sources, waits until they are synced, queues the key of every
/// object they list (level-triggered) and of every change, and lets <see cref="ReconcileLoopSettings.Workers"/>
/// workers reconcile the keys, one key never twice at once. A reconcile that throws is tried again after a backoff
/// delay of its key; a term that fails is logged by the host and started again after the restart delay. All delays
/// are on the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ReconcileLoop
{
    private readonly IReconcileHost _host;
    private readonly ReconcileLoopSettings _settings;
    private readonly TimeProvider _time;

    /// <summary>Creates a loop; nothing runs until <see cref="RunAsync"/>.</summary>
    /// <param name="host">Sets up terms and logs failures.</param>
    /// <param name="settings">Delays and workers.</param>
    /// <param name="time">The clock of every delay.</param>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When there is no worker.</exception>
    public ReconcileLoop(IReconcileHost host, ReconcileLoopSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Workers, 1, nameof(settings));
        _host = host;
        _settings = settings;
        _time = time;
    }

    /// <summary>Runs terms, one after another, until <paramref name="stopping"/> is cancelled.</summary>
    /// <param name="stopping">Ends the loop (the host stops, or leadership is lost).</param>
    /// <returns>A task that ends when the loop has stopped and its term is cleaned up.</returns>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await RunTermAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _host.LoopFailed(e);
                try
                {
                    await Task.Delay(_settings.RestartDelay, _time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RunTermAsync(CancellationToken stopping)
    {
        using var stopSources = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var queue = new KeyedWorkQueue(_time, _settings.RetryInitialDelay, _settings.RetryMaxDelay);
        var term = _host.StartTerm(queue, stopping);
        var running = term.Sources.Select(s => s.RunAsync(stopSources.Token)).ToList();
        try
        {
            foreach (var source in term.Sources)
            {
                await source.WaitForSyncAsync(stopping).ConfigureAwait(false);
            }

            foreach (var source in term.Sources)
            {
                running.Add(source.PumpAsync(queue.Add, stopSources.Token));
            }

            // Level-triggered: every object the lists found is looked at, whatever events said (a host restarted in
            // the middle of a job resumes here).
            foreach (var source in term.Sources)
            {
                foreach (var key in source.Keys())
                {
                    queue.Add(key);
                }
            }

            var workers = new Task[_settings.Workers];
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = WorkAsync(queue, term.Reconciler, stopping);
            }

            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            await _host.EndTermAsync(term).ConfigureAwait(false);
            await stopSources.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    private async Task WorkAsync(KeyedWorkQueue queue, IReconciler reconciler, CancellationToken stopping)
    {
        while (true)
        {
            var key = await queue.TakeAsync(stopping).ConfigureAwait(false);
            try
            {
                var result = await reconciler.ReconcileAsync(key, stopping).ConfigureAwait(false);
                if (result.Requeue)
                {
                    queue.AddRateLimited(key);
                }
                else
                {
                    queue.Forget(key);
                    if (result.RequeueAfter is { } delay)
                    {
                        queue.AddAfter(key, delay);
                    }
                }
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                // Conflicts, outages, refusals: try this key again later; other keys go on meanwhile.
                var delay = queue.AddRateLimited(key);
                _host.ReconcileRetry(key, queue.Failures(key), delay, e);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }
}

using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.Caching;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// The edge agent as a hosted service: it keeps a cache of ImagePrePullJobs (list + watch, re-listing and
/// re-watching through API outages), queues the name of every job that changes, and lets the reconciler act on
/// this node's entry, one job name at a time; pulls run in the background. Stopping cancels the pulls in flight
/// and writes nothing: the entry stays InProgress, and the next agent (or the controller's timeout) takes it.
/// </summary>
internal sealed class ImagePrePullAgent : BackgroundService
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RunFailedDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryInitialDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RetryMaxDelay = TimeSpan.FromSeconds(30);

    private readonly AgentContext _context;

    public ImagePrePullAgent(AgentContext context)
    {
        _context = context;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.AgentStarted(_context.Logger, _context.NodeName);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunLoopAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.LoopFailed(_context.Logger, ApiErrors.Describe(e));
                try
                {
                    await Task.Delay(RestartDelay, _context.Time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RunLoopAsync(CancellationToken stopping)
    {
        using var stopCache = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var jobs = new ListWatchCache<ImagePrePullJob>(ClusterCustomObjectSource<ImagePrePullJob>.ImagePrePullJobs(_context.Client), _context.Time, _context.Logger);
        var caching = jobs.RunAsync(stopCache.Token);
        using var queue = new KeyedWorkQueue(_context.Time, RetryInitialDelay, RetryMaxDelay);
        var reconciler = new AgentReconciler(_context, jobs, stopping);
        reconciler.RunEnded += queue.Add;
        reconciler.RunFailed += name => queue.AddAfter(name, RunFailedDelay);
        Task? pumping = null;
        try
        {
            await jobs.WaitForSyncAsync(stopping).ConfigureAwait(false);
            pumping = PumpAsync(jobs, queue, stopCache.Token);

            // Level-triggered: every job the list found is looked at (an agent restarted mid-pull resumes here).
            foreach (var job in jobs.List())
            {
                queue.Add(CacheKey.For(job));
            }

            while (true)
            {
                var key = await queue.TakeAsync(stopping).ConfigureAwait(false);
                try
                {
                    await reconciler.ReconcileAsync(key, stopping).ConfigureAwait(false);
                    queue.Forget(key);
                }
                catch (Exception e) when (!stopping.IsCancellationRequested)
                {
                    var delay = queue.AddRateLimited(key);
                    Log.ReconcileRetry(_context.Logger, key, queue.Failures(key), ApiErrors.Describe(e), delay);
                }
                finally
                {
                    queue.Done(key);
                }
            }
        }
        finally
        {
            await reconciler.StopAllAsync().ConfigureAwait(false);
            await stopCache.CancelAsync().ConfigureAwait(false);
            await caching.ConfigureAwait(false);
            if (pumping is not null)
            {
                await pumping.ConfigureAwait(false);
            }
        }
    }

    private static async Task PumpAsync(ListWatchCache<ImagePrePullJob> jobs, KeyedWorkQueue queue, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in jobs.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                queue.Add(change.Key);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The cache stops with the loop.
        }
    }
}

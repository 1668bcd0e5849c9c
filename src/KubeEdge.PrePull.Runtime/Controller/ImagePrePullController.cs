using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Caching;
using KubeEdge.PrePull.Runtime.LeaderElection;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>
/// The ImagePrePullJob controller as a hosted service. While it leads (a Lease, when leader election is on), it keeps
/// caches of jobs and nodes, queues the name of every job that changes, and reconciles one name at a time; runs go
/// on in the background. Losing leadership or stopping cancels the runs without touching their jobs, so the next
/// leader resumes them from their status.
/// </summary>
internal sealed class ImagePrePullController : BackgroundService
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RunFailedDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CrdInstallRetryDelay = TimeSpan.FromSeconds(1);
    private const int CrdInstallAttempts = 3;

    private static readonly TimeSpan RetryInitialDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RetryMaxDelay = TimeSpan.FromSeconds(30);

    private readonly JobRunContext _context;

    public ImagePrePullController(JobRunContext context)
    {
        _context = context;
    }

    /// <summary>The reconciler of the current leadership term, for tests and the scale report.</summary>
    internal JobReconciler? Reconciler { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (_context.Options.InstallCrdOnStart)
            {
                await InstallCrdAsync(stoppingToken).ConfigureAwait(false);
            }

            if (_context.Options.LeaderElectionEnabled)
            {
                var elector = new LeaseLeaderElector(_context.Client, _context.Options.LeaderElection, _context.Time, _context.Logger);
                await elector.RunAsync(LeadAsync, stoppingToken).ConfigureAwait(false);
            }
            else
            {
                await LeadAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    /// <summary>
    /// Installs the CRD, trying a few times; if it still fails (no permission, an API server without apiextensions),
    /// the controller goes on with the CRD that is there, and says so once.
    /// </summary>
    private async Task InstallCrdAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CrdInstaller.InstallAsync(_context.Client, cancellationToken).ConfigureAwait(false);
                Log.CrdInstalled(_context.Logger);
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && attempt < CrdInstallAttempts)
            {
                Log.CrdInstallFailed(_context.Logger, attempt, e);
                await Task.Delay(CrdInstallRetryDelay * attempt, _context.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Log.CrdInstallGivenUp(_context.Logger, attempt, e);
                return;
            }
        }
    }

    /// <summary>The leader's work: the controller loop, started again after an unexpected failure.</summary>
    private async Task LeadAsync(CancellationToken leading)
    {
        while (!leading.IsCancellationRequested)
        {
            try
            {
                await RunLoopAsync(leading).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (leading.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.LoopFailed(_context.Logger, e);
                await Task.Delay(RestartDelay, _context.Time, leading).ConfigureAwait(false);
            }
        }
    }

    private async Task RunLoopAsync(CancellationToken leading)
    {
        using var stopCaches = CancellationTokenSource.CreateLinkedTokenSource(leading);
        var jobs = new ListWatchCache<ImagePrePullJob>(ClusterCustomObjectSource<ImagePrePullJob>.ImagePrePullJobs(_context.Client), _context.Time, _context.Logger);
        var nodes = new ListWatchCache<V1Node>(new NodeSource(_context.Client), _context.Time, _context.Logger);
        var caches = new[] { jobs.RunAsync(stopCaches.Token), nodes.RunAsync(stopCaches.Token) };
        using var queue = new KeyedWorkQueue(_context.Time, RetryInitialDelay, RetryMaxDelay);
        var reconciler = new JobReconciler(_context, jobs, nodes, leading);
        reconciler.RunFailed += name => queue.AddAfter(name, RunFailedDelay);
        Reconciler = reconciler;
        try
        {
            await jobs.WaitForSyncAsync(leading).ConfigureAwait(false);
            await nodes.WaitForSyncAsync(leading).ConfigureAwait(false);
            var pumps = new[]
            {
                PumpAsync(jobs, queue.Add, stopCaches.Token),

                // Node changes do not start anything (a job selects its nodes when it starts); the events are
                // read only so the cache's channel does not grow.
                PumpAsync(nodes, static _ => { }, stopCaches.Token),
            };

            // Level-triggered: every job the list found is looked at, whatever events said.
            foreach (var job in jobs.List())
            {
                queue.Add(CacheKey.For(job));
            }

            while (true)
            {
                var key = await queue.TakeAsync(leading).ConfigureAwait(false);
                try
                {
                    await reconciler.ReconcileAsync(key, leading).ConfigureAwait(false);
                    queue.Forget(key);
                }
                catch (Exception e) when (!leading.IsCancellationRequested)
                {
                    // Conflicts, outages, refusals: try this job again later; others go on meanwhile.
                    var delay = queue.AddRateLimited(key);
                    Log.ReconcileRetry(_context.Logger, key, queue.Failures(key), delay, e);
                }
                finally
                {
                    queue.Done(key);
                }
            }
        }
        finally
        {
            Reconciler = null;
            await reconciler.StopAllAsync().ConfigureAwait(false);
            await stopCaches.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(caches).ConfigureAwait(false);
        }
    }

    private static async Task PumpAsync<T>(ListWatchCache<T> cache, Action<string> onChange, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            await foreach (var change in cache.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                onChange(change.Key);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caches stop with the leadership term.
        }
    }
}

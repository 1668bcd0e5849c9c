using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Caching;
using KubeEdge.PrePull.Runtime.LeaderElection;
using KubeEdge.PrePull.Runtime.Reconciling;
using KubeEdge.PrePull.Scheduling;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>
/// The ImagePrePullJob controller as a hosted service. While it leads (a Lease, when leader election is on), it runs
/// the reconcile loop over caches of jobs and nodes: the name of every job that changes is queued and reconciled, one
/// name at a time; runs go on in the background. Losing leadership or stopping cancels the runs without touching
/// their jobs, so the next leader resumes them from their status (docs/design.md §2, Life cycle). Every write of a
/// term is fenced by its leadership (docs/design.md §3, Fencing); a graceful stop writes what each run knows, within
/// the host's shutdown timeout.
/// </summary>
internal sealed class ImagePrePullController : BackgroundService, IReconcileHost
{
    private static readonly TimeSpan RunFailedDelay = TimeSpan.FromSeconds(5);
    private const int CrdInstallAttempts = 3;

    // One more second after each failed install.
    private static readonly RetryBackoff CrdInstallRetries = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(CrdInstallAttempts), BackoffGrowth.Linear);

    private static readonly ReconcileLoopSettings LoopSettings = new(
        RetryInitialDelay: TimeSpan.FromMilliseconds(200),
        RetryMaxDelay: TimeSpan.FromSeconds(30),
        RestartDelay: TimeSpan.FromSeconds(5));

    private readonly JobRunContext _context;

    // Cancelled when the host's shutdown timeout runs out: bounds the status writes of a graceful stop.
    private readonly CancellationTokenSource _shutdownBudget = new();
    private LeaseLeaderElector? _elector;

    public ImagePrePullController(JobRunContext context)
    {
        _context = context;
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(static budget => ((CancellationTokenSource)budget!).Cancel(), _shutdownBudget);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _shutdownBudget.Dispose();
        base.Dispose();
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

            var loop = new ReconcileLoop(this, LoopSettings, _context.Time);
            if (_context.Options.LeaderElectionEnabled)
            {
                var elector = new LeaseLeaderElector(
                    _context.Client, _context.Options.LeaderElection, _context.Time, _context.LoggerFor(LeaderElection.Log.Category));
                _elector = elector;
                await elector.RunAsync(ct => LeadAsync(loop, ct), stoppingToken).ConfigureAwait(false);
            }
            else
            {
                await LeadAsync(loop, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    /// <summary>
    /// One leadership: first the secret copies an earlier leader left are swept (nothing runs here yet, so every copy
    /// is a leftover; docs/design.md §3, "Secret copies"), then the reconcile loop runs until leadership ends.
    /// </summary>
    private async Task LeadAsync(ReconcileLoop loop, CancellationToken leading)
    {
        await Pulling.PodApply.SecretCopySweep.RunAsync(_context.Pullers, _elector?.Fence ?? LeadershipFence.Unelected, leading).ConfigureAwait(false);
        await loop.RunAsync(leading).ConfigureAwait(false);
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
                await Task.Delay(CrdInstallRetries.Delay(attempt, 0), _context.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Log.CrdInstallGivenUp(_context.Logger, attempt, e);
                return;
            }
        }
    }

    /// <summary>A leadership term (or a restart after a failure): caches of jobs and nodes, and a new reconciler.</summary>
    ReconcileTerm IReconcileHost.StartTerm(IReconcileQueue queue, CancellationToken term)
    {
        var cacheLogger = _context.LoggerFor(Caching.Log.Category);
        var jobs = new ListWatchCache<ImagePrePullJob>(ClusterCustomObjectSource<ImagePrePullJob>.ImagePrePullJobs(_context.Client), _context.Time, cacheLogger);
        var nodes = new ListWatchCache<V1Node>(new NodeSource(_context.Client), _context.Time, cacheLogger);
        // The term's writes hold only while its leadership does; without leader election, always.
        var fence = _elector?.Fence ?? LeadershipFence.Unelected;
        var reconciler = new JobReconciler(_context, jobs, nodes, term, fence);
        reconciler.RunFailed += name => queue.AddAfter(name, RunFailedDelay);
        reconciler.RunEnded += queue.Add;
        Reconciler = reconciler;

        // Node changes start no reconcile: a job selects its nodes when it starts; runs that wait for nodes follow
        // them (docs/design.md §2 "Execution").
        return new ReconcileTerm([new CacheSource<ImagePrePullJob>(jobs), new CacheSource<V1Node>(nodes, startsReconciles: false, observe: reconciler.NodeChanged)], reconciler);
    }

    async Task IReconcileHost.EndTermAsync(ReconcileTerm term)
    {
        var reconciler = (JobReconciler)term.Reconciler;
        if (Reconciler == reconciler)
        {
            Reconciler = null;
        }

        await reconciler.StopAllAsync(_shutdownBudget.Token).ConfigureAwait(false);
    }

    void IReconcileHost.ReconcileRetry(string key, int attempt, TimeSpan delay, Exception exception) =>
        Log.ReconcileRetry(_context.Logger, key, attempt, delay, exception);

    void IReconcileHost.LoopFailed(Exception exception) => Log.LoopFailed(_context.Logger, exception);
}

using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.Caching;
using KubeEdge.PrePull.Runtime.Reconciling;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// The edge agent as a hosted service: it runs the reconcile loop over a cache of ImagePrePullJobs (list + watch,
/// re-listing and re-watching through API outages), and lets the reconciler act on this node's entry, one job name
/// at a time; pulls run in the background. Stopping cancels the pulls in flight and writes nothing: the entry stays
/// InProgress, and the next agent (or the controller's timeout) takes it (docs/design.md §3, Edge agents).
/// </summary>
internal sealed class ImagePrePullAgent : BackgroundService, IReconcileHost
{
    private static readonly ReconcileLoopSettings LoopSettings = new(
        RetryInitialDelay: TimeSpan.FromMilliseconds(500),
        RetryMaxDelay: TimeSpan.FromSeconds(30),
        RestartDelay: TimeSpan.FromSeconds(5));

    private readonly AgentContext _context;

    public ImagePrePullAgent(AgentContext context)
    {
        _context = context;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.AgentStarted(_context.Logger, _context.NodeName);
        return new ReconcileLoop(this, LoopSettings, _context.Time).RunAsync(stoppingToken);
    }

    /// <summary>A run of the agent (or a restart after a failure): a cache of jobs and a new reconciler.</summary>
    ReconcileTerm IReconcileHost.StartTerm(IReconcileQueue queue, CancellationToken term)
    {
        var jobs = new ListWatchCache<ImagePrePullJob>(
            ClusterCustomObjectSource<ImagePrePullJob>.ImagePrePullJobs(_context.Api), _context.Time, _context.LoggerFor(Caching.Log.Category));
        var reconciler = new AgentReconciler(_context, jobs, term);

        // A run that ended brings its job back at once, to write the result.
        reconciler.RunEnded += queue.Add;
        return new ReconcileTerm([new CacheSource<ImagePrePullJob>(jobs)], reconciler);
    }

    Task IReconcileHost.EndTermAsync(ReconcileTerm term) => ((AgentReconciler)term.Reconciler).StopAllAsync();

    void IReconcileHost.ReconcileRetry(string key, int attempt, TimeSpan delay, Exception exception) =>
        Log.ReconcileRetry(_context.Logger, key, attempt, ApiErrors.Describe(exception), delay);

    void IReconcileHost.LoopFailed(Exception exception) => Log.LoopFailed(_context.Logger, ApiErrors.Describe(exception));
}

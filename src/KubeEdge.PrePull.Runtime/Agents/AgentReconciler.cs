using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.Caching;
using KubeEdge.PrePull.Runtime.Reconciling;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// Level-triggered handling of one job on this node (protocol steps 2 and 3): it looks at the job as the cache has
/// it now. Its own entry <c>InProgress</c> in a running job and no result yet: start a run in the background. A
/// result: write it (or drop it). Its entry back at <c>InProgress</c> after the agent wrote it: write the same
/// result again, without pulling again. The job gone, finished, or the entry decided by the controller: cancel the
/// run in flight. Called by the agent's reconcile loop with one worker, one job name at a time.
/// </summary>
internal sealed class AgentReconciler : IReconciler
{
    /// <summary>How long a job whose run failed by itself waits before it is handled again.</summary>
    private static readonly TimeSpan RunFailedDelay = TimeSpan.FromSeconds(5);

    private readonly AgentContext _context;
    private readonly ListWatchCache<ImagePrePullJob> _jobs;
    private readonly AgentJobRunner _runner;
    private readonly AgentEntryWriter _writer;
    private readonly CancellationToken _stopping;
    private readonly Dictionary<string, AgentJobState> _states = new(StringComparer.Ordinal);

    public AgentReconciler(AgentContext context, ListWatchCache<ImagePrePullJob> jobs, CancellationToken stopping)
    {
        _context = context;
        _jobs = jobs;
        _runner = new AgentJobRunner(context);
        _writer = new AgentEntryWriter(context);
        _stopping = stopping;
    }

    /// <summary>Raised with the job's name when a run ends, so the job is handled again to write its result.</summary>
    public event Action<string>? RunEnded;

    /// <summary>Handles one job; throws when a write kept failing (the loop retries with backoff).</summary>
    public async Task<ReconcileResult> ReconcileAsync(string name, CancellationToken cancellationToken)
    {
        _jobs.TryGet(name, out var job);
        if (_states.TryGetValue(name, out var state)
            && (job is null || state.Uid != job.Metadata.Uid || state.Rerun != job.Status?.ObservedRerun))
        {
            // Deleted, deleted and created again, or rerun by the controller: this UID's (or this run's) work is over.
            if (state.Run is { IsCompleted: false })
            {
                Log.RunCancelled(_context.Logger, name, _context.NodeName,
                    job is null ? "the job was deleted" : state.Uid != job.Metadata.Uid ? "the job was created again" : "the job is rerun");
            }

            await state.CancelAsync().ConfigureAwait(false);
            _states.Remove(name);
            state = null;
        }

        if (job is null)
        {
            return ReconcileResult.Done;
        }

        var why = AgentEntryWriter.WhyNot(job, job.Metadata.Uid, _context.NodeName);
        if (state is not null && state.Run is { IsCompleted: true } ended && !TakeOutcome(name, state, ended))
        {
            // The run failed: the job comes back after a delay.
            return ReconcileResult.After(RunFailedDelay);
        }

        if (state?.Result is not null)
        {
            await HandleResultAsync(job, state, why is null, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        if (why is not null)
        {
            if (state?.Run is not null)
            {
                Log.RunCancelled(_context.Logger, name, _context.NodeName, why);
                await state.CancelAsync().ConfigureAwait(false);
            }

            return ReconcileResult.Done;
        }

        if (state?.Run is not null)
        {
            return ReconcileResult.Done;
        }

        state ??= _states[name] = new AgentJobState(job.Metadata.Uid, job.Status?.ObservedRerun);
        var snapshot = job;
        state.Start(token => _runner.RunAsync(snapshot, token), _stopping);
        _ = state.Run!.ContinueWith(
            t =>
            {
                if (!t.IsCanceled)
                {
                    RunEnded?.Invoke(name);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return ReconcileResult.Done;
    }

    /// <summary>Cancels every run (the host is stopping); nothing is written.</summary>
    public async Task StopAllAsync()
    {
        foreach (var state in _states.Values)
        {
            await state.CancelAsync().ConfigureAwait(false);
        }

        _states.Clear();
    }

    /// <returns>False when the run failed.</returns>
    private bool TakeOutcome(string name, AgentJobState state, Task<ImagePrePullNodeTaskStatus> ended)
    {
        state.ClearRun();
        if (ended.IsCompletedSuccessfully)
        {
            state.Result = ended.Result;
        }
        else if (ended.IsFaulted)
        {
            // An outage while planning (node or secret reads) or a puller that broke: the entry is still
            // InProgress, so the job runs again after a delay.
            Log.RunFailed(_context.Logger, name, _context.NodeName, ApiErrors.Describe(ended.Exception.GetBaseException()));
            return false;
        }

        return true;
    }

    private async Task HandleResultAsync(ImagePrePullJob job, AgentJobState state, bool waiting, CancellationToken cancellationToken)
    {
        if (state.Dropped)
        {
            return;
        }

        if (state.Written)
        {
            if (!waiting)
            {
                return;
            }

            // The cache may still show a version from before the agent's own write; only the live object tells a
            // stale write that reverted the entry from an old view.
            var live = await _writer.ReadAsync(job.Metadata.Name, cancellationToken).ConfigureAwait(false);
            if (AgentEntryWriter.WhyNot(live, state.Uid, _context.NodeName) is not null)
            {
                return;
            }

            Log.StaleWrite(_context.Logger, job.Metadata.Name, _context.NodeName);
            job = live!;
        }

        var written = await _writer.WriteAsync(job, state.Result!, cancellationToken).ConfigureAwait(false);
        state.Written = written == AgentWriteResult.Written;
        state.Dropped = written == AgentWriteResult.Dropped;
    }
}

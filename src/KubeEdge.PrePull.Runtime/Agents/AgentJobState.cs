using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// What the agent knows about one job (one UID): its run in flight, or the result it produced and whether that
/// result is written. Touched only by the agent's single reconcile worker, so it needs no lock.
/// </summary>
internal sealed class AgentJobState(string? uid, string? rerun = null)
{
    private CancellationTokenSource? _cancellation;

    /// <summary>The job's UID: a job deleted and created again under the same name is another job.</summary>
    public string? Uid { get; } = uid;

    /// <summary>
    /// The job's <c>status.observedRerun</c> when this state began: a rerun of the finished job (docs/design.md §2
    /// "Life cycle") changes it, and the node's old result is then not this run's.
    /// </summary>
    public string? Rerun { get; } = rerun;

    /// <summary>The run in flight (or finished and not yet looked at), with the token source that stops it.</summary>
    public Task<ImagePrePullNodeTaskStatus>? Run { get; private set; }

    /// <summary>This node's terminal entry, once the run produced it; kept to write it again after a stale write.</summary>
    public ImagePrePullNodeTaskStatus? Result { get; set; }

    /// <summary>Whether <see cref="Result"/> is in the job's status (as far as the agent knows).</summary>
    public bool Written { get; set; }

    /// <summary>Whether the result was dropped (the entry was decided by someone else); nothing more is done for it.</summary>
    public bool Dropped { get; set; }

    /// <summary>Starts a run that stops when the agent stops or <see cref="CancelAsync"/> is called.</summary>
    public void Start(Func<CancellationToken, Task<ImagePrePullNodeTaskStatus>> run, CancellationToken stopping)
    {
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Run = run(_cancellation.Token);
    }

    /// <summary>Forgets a finished run (its outcome was taken).</summary>
    public void ClearRun()
    {
        Run = null;
        _cancellation?.Dispose();
        _cancellation = null;
    }

    /// <summary>Cancels the run in flight, waits for it to end, and forgets it.</summary>
    public async Task CancelAsync()
    {
        if (Run is null)
        {
            return;
        }

        await _cancellation!.CancelAsync().ConfigureAwait(false);
        try
        {
            await Run.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Cancelled (or failed while stopping): nothing is written either way.
        }

        ClearRun();
    }
}

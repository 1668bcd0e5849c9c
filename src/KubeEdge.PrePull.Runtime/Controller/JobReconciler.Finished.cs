using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.Events;
using KubeEdge.PrePull.Runtime.Reconciling;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>
/// What happens to a finished job (docs/design.md §2 "Life cycle"): a new value of the rerun annotation re-runs its
/// failed nodes; <c>ttlSecondsAfterFinished</c> after <c>status.completionTime</c> it is deleted through the
/// finalizer path. Both read only the job as stored, so a restarted controller or a new leader acts the same, on time.
/// </summary>
internal sealed partial class JobReconciler
{
    // The longest wait one requeue may ask for: the longest timer (docs/design.md §1 "Limits").
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(ImagePrePullJobLimits.MaxTtlSecondsAfterFinished);

    // Reruns this process started, by name -> (uid, value): until the cache shows the rerun's first write, a stale
    // finished version must neither start the same rerun again nor count for the TTL.
    private readonly ConcurrentDictionary<string, (string? Uid, string Value)> _reruns = new(StringComparer.Ordinal);

    // The last refused rerun reported, by name -> "uid value reason": reported once, tried again on every change.
    private readonly ConcurrentDictionary<string, string> _refusals = new(StringComparer.Ordinal);

    /// <summary>The value of the job's rerun annotation, <see langword="null"/> without one.</summary>
    private static string? RerunValue(ImagePrePullJob job) =>
        job.Metadata.Annotations is { } annotations && annotations.TryGetValue(ImagePrePullJobNames.RerunAnnotation, out var value) ? value : null;

    /// <summary>
    /// The job as the agent dispatcher of a rerun first sees it: the entries of the nodes that run again are gone, so
    /// an old <c>Failure</c> an agent wrote is not taken for the new run's result.
    /// </summary>
    private static ImagePrePullJob WithoutRerunEntries(ImagePrePullJob job, IReadOnlyList<NodeTaskResult> nodes)
    {
        if (job.Status?.NodeStatus is not { } entries)
        {
            return job;
        }

        var kept = nodes.Where(n => n.IsTerminal).Select(n => n.NodeName).ToHashSet(StringComparer.Ordinal);
        var status = job.Status with { NodeStatus = [.. entries.Where(e => e.NodeName is { } node && kept.Contains(node))] };
        return job with { Status = status };
    }

    private async Task<ReconcileResult> FinishedAsync(ImagePrePullJob job, CancellationToken cancellationToken)
    {
        var name = job.Metadata.Name;
        if (job.Status?.Phase is not (JobPhases.Completed or JobPhases.Failure))
        {
            // This process finished it and the cache has not seen the final write yet: its update comes back here.
            return ReconcileResult.Done;
        }

        var started = _reruns.TryGetValue(name, out var acted) && acted.Uid == job.Metadata.Uid ? acted.Value : null;
        if (started is not null && started != job.Status.ObservedRerun)
        {
            // A version older than the rerun's first write: the write's own update comes back here.
            return ReconcileResult.Done;
        }

        if (RerunValue(job) is { } rerun && rerun != job.Status.ObservedRerun && rerun != started)
        {
            try
            {
                await StartAsync(job, cancellationToken, rerun).ConfigureAwait(false);
            }
            catch (Exception e) when (StartFailure.IsPermanent(e, cancellationToken))
            {
                // Not FailToStartAsync: its Failure write would drop the job's nodes, and its update would bring the
                // same rerun back here at once.
                Log.JobStartFailed(_context.Logger, name, e);
                await RefuseRerunAsync(job, rerun, e.Message, cancellationToken).ConfigureAwait(false);
            }

            return ReconcileResult.Done;
        }

        return await ExpireAsync(job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A rerun that cannot run (the job is invalid now, or no node matches): reported once with a warning event; the
    /// job stays as it is and the same value is tried again when the job changes (e.g. its spec is fixed).
    /// </summary>
    private async Task RefuseRerunAsync(ImagePrePullJob job, string rerun, string reason, CancellationToken cancellationToken)
    {
        var name = job.Metadata.Name;
        var key = $"{job.Metadata.Uid} {rerun} {reason}";
        if (_refusals.TryGetValue(name, out var reported) && reported == key)
        {
            return;
        }

        Log.RerunRefused(_context.Logger, name, reason);
        await RecordAsync(job, EventTypes.Warning, JobEventReasons.RerunRefused, "The rerun cannot run: " + reason, cancellationToken).ConfigureAwait(false);
        _refusals[name] = key;
    }

    /// <summary>
    /// <c>ttlSecondsAfterFinished</c> (docs/design.md §2 "Life cycle"): the deadline is <c>status.completionTime</c>
    /// plus the TTL, computed from the stored job on every look, so a restart or a new leader keeps it; before it the
    /// job is looked at again at the deadline, at it the job is deleted (UID precondition, fenced) and its deletion
    /// runs the finalizer path like any other.
    /// </summary>
    private async Task<ReconcileResult> ExpireAsync(ImagePrePullJob job, CancellationToken cancellationToken)
    {
        if (job.Spec.CompletionPolicy?.TtlSecondsAfterFinished is not { } ttl
            || ttl is < 0 or > ImagePrePullJobLimits.MaxTtlSecondsAfterFinished
            || job.Status?.CompletionTime is not { } completed)
        {
            return ReconcileResult.Done;
        }

        var name = job.Metadata.Name;
        var deleteAt = completed + TimeSpan.FromSeconds(ttl);
        var wait = deleteAt - _context.Time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            Log.TtlWaiting(_context.Logger, name, deleteAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            return ReconcileResult.After(wait < MaxWait ? wait : MaxWait);
        }

        if (!_fence.IsHeld)
        {
            return ReconcileResult.Done;
        }

        Log.TtlExpired(_context.Logger, name, ttl);
        await RecordAsync(job, EventTypes.Normal, JobEventReasons.Expired,
            $"ttlSecondsAfterFinished ({ttl.ToString(CultureInfo.InvariantCulture)} s) has passed since the job finished; deleting it", cancellationToken).ConfigureAwait(false);
        try
        {
            // The UID precondition: a job deleted and created again under the name meanwhile is not this one.
            await _context.Client.CustomObjects.DeleteClusterCustomObjectAsync(
                ImagePrePullJobNames.Group,
                ImagePrePullJobNames.V1Alpha2,
                ImagePrePullJobNames.Plural,
                name,
                new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = job.Metadata.Uid } },
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.NotFound) || ApiErrors.Is(e, HttpStatusCode.Conflict))
        {
            // Gone already, or another job by now.
        }

        return ReconcileResult.Done;
    }

    /// <summary>The job is gone: what this process remembers of its reruns goes too.</summary>
    private void Forget(string name)
    {
        _reruns.TryRemove(name, out _);
        _refusals.TryRemove(name, out _);
    }
}

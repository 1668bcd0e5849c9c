using System.Runtime.CompilerServices;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

// The node's steps: the node-scoped puller's Begin, then Check, then Pull (one image after the other, or in
// parallel), then End.
internal sealed partial class NodeExecution
{
    /// <summary>
    /// Runs the node's steps and returns its final state; <see langword="null"/> when it succeeded the common way and
    /// the job keeps its end as values (see <see cref="Finish"/> and <see cref="TryClose"/>).
    /// </summary>
    // Pooled: a node that waits for its backend would otherwise allocate this state machine each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<NodeTaskResult?> RunAsync(CancellationToken cancellationToken)
    {
        if (_job.ScopedPuller is { } scoped && TryGetPlan(out var scopedPlan))
        {
            if (_job.Budget is { } budget && scoped.PullsOnBegin)
            {
                // The backend pulls every image once the node begins: their registry slots come first.
                await ReserveSlotsAsync(budget, scopedPlan, cancellationToken).ConfigureAwait(false);
            }

            // Set before the call: a Begin that fails half-way may have created something End must remove.
            Began = true;
            try
            {
                await scoped.BeginNodeAsync(NodeName, scopedPlan, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A backend that cannot set a node up fails that node, never the job.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return Snapshot(NodeTaskPhases.Failure, SchedulerReasons.SetupFailed(ex.Message));
            }
        }

        var (passed, checkReason, checkTime) = await CheckAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            // A passed check is kept as its time: its ActionResult (and one-element list) is built only when someone
            // asks (a snapshot, a step update read); a node that succeeds goes straight to [check, pull].
            if (passed)
            {
                _checkPassed = true;
                _checkTime = checkTime;
            }
            else
            {
                _check = new ActionResult(NodeActions.Check, false, checkReason, checkTime);
            }

            Publish(NodeUpdateKind.CheckFinished, null);
        }

        if (!passed)
        {
            return Snapshot(NodeTaskPhases.Failure, checkReason);
        }

        NodePlan plan;
        try
        {
            plan = _job.Plans.GetPlan(NodeName);
        }
#pragma warning disable CA1031 // A plan source that throws fails this node, not the job.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Finish(false, $"no plan for the node: {ex.Message}");
        }

        var images = plan.Images;
        // Under a registry budget even one-at-a-time pulls take the positional path, which may pull out of spec order.
        if ((_job.Options.ImageParallelism == 1 && _job.Budget is null) || images.Count <= 1)
        {
            for (var i = 0; i < images.Count; i++)
            {
                var result = await ImagePull.RunAsync(_job, this, images[i], cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    result = AppendImage(result);
                    Publish(NodeUpdateKind.ImageFinished, result);
                }
            }
        }
        else
        {
            await PullInParallelAsync(images, cancellationToken).ConfigureAwait(false);
        }

        var failed = 0;
        foreach (var image in _finishedImages)
        {
            failed += image.Succeeded ? 0 : 1;
        }

        return Finish(failed == 0, failed == 0 ? null : SchedulerReasons.ImagesFailed(failed, images.Count));
    }

    /// <summary>Ends a node-scoped puller's work on the node; never throws (the puller's contract).</summary>
    public async ValueTask EndAsync()
    {
        ReleaseReservedSlots();
        if (Began && _job.ScopedPuller is { } scoped)
        {
            try
            {
                await scoped.EndNodeAsync(NodeName, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Cleanup is best effort: a failed one must not fail the job.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    // The check's outcome as a value: a passed check costs no object until someone reads it.
    private async ValueTask<(bool Passed, string? Reason, DateTimeOffset Time)> CheckAsync(CancellationToken cancellationToken)
    {
        var items = _job.Settings.CheckItems;
        var puller = _job.Puller;
        if (items.Count == 0)
        {
            return (true, null, _job.Time.GetUtcNow());
        }

        if (_job.CannotCheckReason is { } cannotCheck)
        {
            return (false, cannotCheck, _job.Time.GetUtcNow());
        }

        CheckResult result;
        try
        {
            var request = new CheckRequest(NodeName, items, _job.Options.CheckThresholds) { Images = TryGetPlan(out var plan) ? plan.Images : [] };
            result = await puller.CheckAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A backend that throws fails the check, never the job.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result = CheckResult.Failed($"the check failed: {ex.Message}");
        }

        return (result.Succeeded, result.Succeeded ? null : result.Reason ?? "the check failed", _job.Time.GetUtcNow());
    }

    private bool TryGetPlan([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NodePlan? plan)
    {
        try
        {
            plan = _job.Plans.GetPlan(NodeName);
            return true;
        }
#pragma warning disable CA1031 // A missing plan fails the node later, in the Pull step, with its reason.
        catch (Exception)
#pragma warning restore CA1031
        {
            plan = null;
            return false;
        }
    }

    private NodeTaskResult? Finish(bool succeeded, string? reason)
    {
        lock (_gate)
        {
            var pullTime = _job.Time.GetUtcNow();
            if (succeeded && _checkPassed && _actions.Length == 0 && _waiting.Length == 0 && _job.KeepsSucceededAsValues && SucceededNodes.CanKeep(_checkTime, pullTime))
            {
                // The most common end of all: no snapshot and no flow object; TryClose hands the times and the
                // images to the job, which keeps them as values (docs/design.md §4 item 2).
                _pulled = true;
                _pullTime = pullTime;
                _checkPassed = false;
                return null;
            }

            if (_checkPassed && _actions.Length == 0)
            {
                // The common end: one object for the flow the node keeps (see CheckThenPull).
                _flow = new CheckThenPull(_checkTime, succeeded, reason, pullTime);
            }
            else
            {
                var pull = new ActionResult(NodeActions.Pull, succeeded, reason, pullTime);
                _actions = CheckAction() is { } check ? [.. _actions, check, pull] : [.. _actions, pull];
            }

            _check = null;
            _checkPassed = false;
            // In the same lock: one lock per step of a node.
            return SnapshotUnlocked(succeeded ? NodeTaskPhases.Successful : NodeTaskPhases.Failure, reason);
        }
    }
}

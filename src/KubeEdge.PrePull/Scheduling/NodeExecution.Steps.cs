using System.Runtime.CompilerServices;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

// The node's steps: the node-scoped puller's Begin, then Check, then Pull (one image after the other, or in
// parallel), then End.
internal sealed partial class NodeExecution
{
    /// <summary>
    /// Runs the node's steps and returns its final state for <see cref="TryClose"/>; <see langword="null"/> when its
    /// Pull step ended, which closes the node itself (see <see cref="Finish"/>).
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

        CheckResult checkResult;
        try
        {
            checkResult = await CheckAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A backend that throws fails the check, never the job.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            checkResult = CheckResult.Failed($"the check failed: {ex.Message}");
        }

        // The check's outcome as values: a passed check costs no object until someone reads it.
        var passed = checkResult.Succeeded;
        var checkReason = passed ? null : checkResult.Reason ?? "the check failed";
        var checkTime = _job.Time.GetUtcNow();
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

        if (!TryGetPlan(out var plan))
        {
            // A plan source that throws fails this node, not the job.
            return Finish(false, $"no plan for the node: {_planError!.Message}");
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
    // Not async itself: a node that began nothing (most) then costs no state machine here.
    public ValueTask EndAsync()
    {
        ReleaseReservedSlots();
        return Began && _job.ScopedPuller is { } scoped ? EndScopedAsync(scoped) : default;
    }

    private async ValueTask EndScopedAsync(INodeScopedImagePuller scoped)
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

    // The node's Check: the backend's answer, or the outcome when no call is needed. Not async itself (RunAsync awaits
    // it and turns a throw into a failed check): a node then costs one state machine fewer.
    private ValueTask<CheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        var items = _job.Settings.CheckItems;
        if (items.Count == 0)
        {
            return new ValueTask<CheckResult>(CheckResult.Passed);
        }

        if (_job.CannotCheckReason is { } cannotCheck)
        {
            return new ValueTask<CheckResult>(CheckResult.Failed(cannotCheck));
        }

        var request = new CheckRequest(NodeName, items, _job.Options.CheckThresholds) { Images = TryGetPlan(out var plan) ? plan.Images : [] };
        return _job.Puller.CheckAsync(request, cancellationToken);
    }

    // The node's plan, asked of the plan source once per node (the Begin, the Check and the Pull all read it; a source
    // may compute overrides per call). A source that throws leaves _planError, which fails the node in its Pull step.
    private bool TryGetPlan([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NodePlan? plan)
    {
        if (!_planRead)
        {
            _planRead = true;
            try
            {
                _plan = _job.Plans.GetPlan(NodeName);
            }
#pragma warning disable CA1031 // Kept as the node's failure reason (RunAsync).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _planError = ex;
            }
        }

        plan = _plan;
        return plan is not null;
    }

    // Ends the node after its Pull step and closes it in the same lock (one lock fewer per node than a separate close):
    // unless the scheduler closed it first (timed out), its Finished update goes out here. Always returns null.
    private NodeTaskResult? Finish(bool succeeded, string? reason)
    {
        lock (_gate)
        {
            var pullTime = _job.Time.GetUtcNow();
            if (_closed)
            {
                // Timed out or cancelled while the puller went on: the scheduler's end stands.
                return null;
            }

            if (succeeded && _checkPassed && _actions.Length == 0 && _waiting.Length == 0 && _job.KeepsSucceededAsValues && SucceededNodes.CanKeep(_checkTime, pullTime))
            {
                // The most common end of all: no snapshot and no flow object; the job keeps the times and the images
                // as values (docs/design.md §4 item 2). Closed in the same lock, so nothing reads the node's own state
                // after this.
                CloseUnlocked();
                _job.PublishSucceeded(Index, NodeName, _checkTime, pullTime, _finishedImages, this);
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
            var result = SnapshotUnlocked(succeeded ? NodeTaskPhases.Successful : NodeTaskPhases.Failure, reason);
            CloseUnlocked();
            _job.Publish(Index, new NodeUpdate(NodeUpdateKind.Finished, result), source: this);
            return null;
        }
    }
}

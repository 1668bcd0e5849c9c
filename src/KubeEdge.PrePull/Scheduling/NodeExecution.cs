using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// One dispatched node: runs Check then Pull and publishes each step. Once the scheduler has closed it (finished or
/// timed out), steps from a puller that kept running are dropped, so a late result never overwrites <c>Unknown</c>.
/// </summary>
internal sealed class NodeExecution
{
    private readonly JobExecution _job;
    private readonly Lock _gate = new();
    // Snapshots share these arrays, so they are replaced (copy on write), never changed in place.
    private ActionResult[] _actions = [];
    private ImageResult[] _finishedImages = [];
    private ImageResult?[] _images = [];
    private bool _closed;

    public NodeExecution(JobExecution job, int index, string nodeName)
    {
        _job = job;
        Index = index;
        NodeName = nodeName;
    }

    public int Index { get; }

    public string NodeName { get; }

    /// <summary>Cancelled by the scheduler on timeout or job cancellation; the puller sees it.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Whether <see cref="INodeScopedImagePuller.BeginNodeAsync"/> was called, so the node must be ended.</summary>
    public bool Began { get; private set; }

    public async ValueTask<NodeTaskResult> RunAsync(CancellationToken cancellationToken)
    {
        if (_job.Puller is INodeScopedImagePuller scoped && TryGetPlan(out var scopedPlan))
        {
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

        var check = await CheckAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _actions = [.. _actions, check];
            Publish(NodeUpdateKind.CheckFinished, null);
        }

        if (!check.Succeeded)
        {
            return Snapshot(NodeTaskPhases.Failure, check.Reason);
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

        _images = new ImageResult?[plan.Images.Count];
        if (_job.Options.ImageParallelism == 1 || plan.Images.Count <= 1)
        {
            for (var i = 0; i < plan.Images.Count; i++)
            {
                await PullAndRecordAsync(plan.Images, i, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _job.Options.ImageParallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, plan.Images.Count), parallel, (i, ct) => PullAndRecordAsync(plan.Images, i, ct))
                .ConfigureAwait(false);
        }

        var failed = 0;
        foreach (var image in _finishedImages)
        {
            failed += image.Succeeded ? 0 : 1;
        }

        return Finish(failed == 0, failed == 0 ? null : SchedulerReasons.ImagesFailed(failed, _images.Length));
    }

    /// <summary>Ends a node-scoped puller's work on the node; never throws (the puller's contract).</summary>
    public async ValueTask EndAsync()
    {
        if (Began && _job.Puller is INodeScopedImagePuller scoped)
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

    /// <summary>Closes the node with its final state; returns <see langword="false"/> when it was already closed.</summary>
    public bool TryClose(NodeTaskResult result)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _closed = true;
            _job.Publish(Index, new NodeUpdate(NodeUpdateKind.Finished, result));
            return true;
        }
    }

    /// <summary>The node's state with the steps finished so far, in the given phase.</summary>
    public NodeTaskResult Snapshot(string phase, string? reason)
    {
        lock (_gate)
        {
            return SnapshotUnlocked(phase, reason);
        }
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

    private NodeTaskResult Finish(bool succeeded, string? reason)
    {
        lock (_gate)
        {
            _actions = [.. _actions, new ActionResult(NodeActions.Pull, succeeded, reason, _job.Time.GetUtcNow())];
        }

        return Snapshot(succeeded ? NodeTaskPhases.Successful : NodeTaskPhases.Failure, reason);
    }

    private async ValueTask PullAndRecordAsync(IReadOnlyList<ImagePlan> images, int i, CancellationToken cancellationToken)
    {
        var result = await ImagePull.RunAsync(_job, NodeName, images[i], cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _images[i] = result;
            var finished = new ImageResult[_finishedImages.Length + 1];
            var n = 0;
            foreach (var image in _images)
            {
                if (image is not null)
                {
                    finished[n++] = image;
                }
            }

            _finishedImages = finished;
            Publish(NodeUpdateKind.ImageFinished, result);
        }
    }

    private async ValueTask<ActionResult> CheckAsync(CancellationToken cancellationToken)
    {
        var items = _job.Settings.CheckItems;
        var puller = _job.Puller;
        if (items.Count == 0)
        {
            return new ActionResult(NodeActions.Check, true, null, _job.Time.GetUtcNow());
        }

        var supported = puller.SupportedCheckItems;
        var allSupported = true;
        foreach (var item in items)
        {
            allSupported &= supported.Contains(item);
        }

        if (!allSupported)
        {
            var unsupported = items.Where(item => !supported.Contains(item));
            return new ActionResult(NodeActions.Check, false, SchedulerReasons.CannotCheck(puller.Name, unsupported), _job.Time.GetUtcNow());
        }

        CheckResult result;
        try
        {
            result = await puller.CheckAsync(new CheckRequest(NodeName, items, _job.Options.CheckThresholds), cancellationToken).ConfigureAwait(false);
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

        return new ActionResult(NodeActions.Check, result.Succeeded, result.Succeeded ? null : result.Reason ?? "the check failed", _job.Time.GetUtcNow());
    }

    // Called under _gate.
    private void Publish(NodeUpdateKind kind, ImageResult? image)
    {
        if (!_closed)
        {
            _job.Publish(Index, new NodeUpdate(kind, SnapshotUnlocked(NodeTaskPhases.InProgress, null), image));
        }
    }

    private NodeTaskResult SnapshotUnlocked(string phase, string? reason) =>
        new(NodeName, phase, reason, _actions, _finishedImages);
}

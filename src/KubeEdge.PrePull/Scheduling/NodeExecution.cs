using System.Runtime.CompilerServices;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// One dispatched node: runs Check then Pull and publishes each step (when steps are streamed). Once the scheduler
/// has closed it (finished or timed out), steps from a puller that kept running are dropped, so a late result never
/// overwrites <c>Unknown</c>.
/// A worker reuses one instance for node after node (<see cref="Reset"/>) as long as no puller can still be running
/// for the previous node, and the state is guarded by locking the instance itself (it never leaves the scheduler):
/// a job's nodes then cost no run object and no lock object each.
/// </summary>
internal sealed class NodeExecution
{
    private readonly JobExecution _job;
    // Snapshots share these arrays, so they are replaced (copy on write), never changed in place.
    private ActionResult[] _actions = [];
    // The finished Check while no snapshot has needed it as a list: without streamed steps its one-element list is
    // built only when someone asks (GetNodes, a failed check); a node that succeeds goes straight to [check, pull].
    private ActionResult? _check;
    private ImageResult[] _finishedImages = [];
    // Only for parallel image pulls, which finish out of order: the results by spec position.
    private ImageResult?[]? _images;
    // The images of the previous node this instance ran, and how many leading images of the node now running are
    // those same instances. The nodes of a job mostly pull the same images with the same outcome (same digest, one
    // attempt): an equal result reuses the earlier instance and a whole equal list the earlier array, so a finished
    // node keeps no image objects of its own. Records are immutable and compare by value, so sharing is invisible.
    private ImageResult[] _previousImages = [];
    private int _sharedImages;
    private bool _closed;
    // The work in flight and whom to tell when it finishes; see Watch.
    private readonly Action _onWorkDone;
    private ValueTask<NodeTaskResult> _work;
    private NodeWait? _wait;
    private int _generation;

    public NodeExecution(JobExecution job)
    {
        _job = job;
        // Made once per instance: a node that waits then costs no delegate.
        _onWorkDone = OnWorkDone;
    }

    public int Index { get; private set; }

    public string NodeName { get; private set; } = "";

    /// <summary>Cancelled by the scheduler on timeout or job cancellation; the puller sees it.</summary>
    public CancellationTokenSource Cancellation { get; private set; } = null!;

    /// <summary>Whether <see cref="INodeScopedImagePuller.BeginNodeAsync"/> was called, so the node must be ended.</summary>
    public bool Began { get; private set; }

    /// <summary>Makes this the run of another node; only once the previous node's puller calls have all returned.</summary>
    public void Reset(int index, string nodeName, CancellationTokenSource cancellation)
    {
        lock (this)
        {
            Index = index;
            NodeName = nodeName;
            Cancellation = cancellation;
            Began = false;
            _actions = [];
            _check = null;
            if (_finishedImages.Length > 0)
            {
                _previousImages = _finishedImages;
            }

            _finishedImages = [];
            _sharedImages = 0;
            _images = null;
            _closed = false;
        }
    }

    // Pooled: a node that waits for its backend would otherwise allocate this state machine each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<NodeTaskResult> RunAsync(CancellationToken cancellationToken)
    {
        if (_job.ScopedPuller is { } scoped && TryGetPlan(out var scopedPlan))
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
        lock (this)
        {
            if (_job.Options.StreamSteps)
            {
                _actions = [.. _actions, check];
                Publish(NodeUpdateKind.CheckFinished, null);
            }
            else
            {
                _check = check;
            }
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

        var images = plan.Images;
        if (_job.Options.ImageParallelism == 1 || images.Count <= 1)
        {
            for (var i = 0; i < images.Count; i++)
            {
                var result = await ImagePull.RunAsync(_job, NodeName, images[i], cancellationToken).ConfigureAwait(false);
                lock (this)
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

    /// <summary>
    /// Ends <paramref name="generation"/> of <paramref name="wait"/> when <paramref name="work"/> finishes. The work is
    /// awaited here, once; <see cref="TakeResult"/> then reads it. A work that outlives its wait (timed out) finds a
    /// newer generation or none and changes nothing; this instance is then never reused.
    /// </summary>
    public void Watch(ValueTask<NodeTaskResult> work, NodeWait wait, int generation)
    {
        _work = work;
        _wait = wait;
        _generation = generation;
        work.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onWorkDone);
    }

    /// <summary>The watched work's result (or exception); only once its wait ended with <see cref="NodeWaitEnd.WorkDone"/>.</summary>
    public NodeTaskResult TakeResult()
    {
        var work = _work;
        _work = default;
        return work.GetAwaiter().GetResult();
    }

    /// <summary>Ends a node-scoped puller's work on the node; never throws (the puller's contract).</summary>
    public async ValueTask EndAsync()
    {
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

    /// <summary>Closes the node with its final state; returns <see langword="false"/> when it was already closed.</summary>
    public bool TryClose(NodeTaskResult result)
    {
        lock (this)
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
        lock (this)
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
        lock (this)
        {
            var pull = new ActionResult(NodeActions.Pull, succeeded, reason, _job.Time.GetUtcNow());
            _actions = _check is null ? [.. _actions, pull] : [.. _actions, _check, pull];
            _check = null;
        }

        return Snapshot(succeeded ? NodeTaskPhases.Successful : NodeTaskPhases.Failure, reason);
    }

    // Called under the lock, in the serial mode: images finish in spec order. Returns the instance kept.
    private ImageResult AppendImage(ImageResult result)
    {
        var count = _finishedImages.Length;
        var previous = _previousImages;
        if (_sharedImages == count && count < previous.Length && previous[count].Equals(result))
        {
            result = previous[count];
            _sharedImages++;
            if (count + 1 == previous.Length)
            {
                // The whole list equals the previous node's: keep its array.
                _finishedImages = previous;
                return result;
            }
        }

        _finishedImages = [.. _finishedImages, result];
        return result;
    }

    // Its own method: a lambda in RunAsync would make every node allocate the closure, parallel or not.
    private Task PullInParallelAsync(IReadOnlyList<ImagePlan> images, CancellationToken cancellationToken)
    {
        _images = new ImageResult?[images.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _job.Options.ImageParallelism, CancellationToken = cancellationToken };
        return Parallel.ForEachAsync(Enumerable.Range(0, images.Count), parallel, (i, ct) => PullAndRecordAsync(images, i, ct));
    }

    private async ValueTask PullAndRecordAsync(IReadOnlyList<ImagePlan> images, int i, CancellationToken cancellationToken)
    {
        var result = await ImagePull.RunAsync(_job, NodeName, images[i], cancellationToken).ConfigureAwait(false);
        lock (this)
        {
            var byPosition = _images!;
            byPosition[i] = result;
            var finished = new ImageResult[_finishedImages.Length + 1];
            var n = 0;
            foreach (var image in byPosition)
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

        if (_job.CannotCheckReason is { } cannotCheck)
        {
            return new ActionResult(NodeActions.Check, false, cannotCheck, _job.Time.GetUtcNow());
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

    /// <summary>
    /// Puts this node's state into <paramref name="nodes"/> when it is in flight with finished steps: without
    /// <see cref="SchedulerOptions.StreamSteps"/> those states are built only here, when someone asks.
    /// </summary>
    public void CopyStateTo(NodeTaskResult[] nodes)
    {
        lock (this)
        {
            // A node without finished steps is what its Dispatched update stored; a closed one is terminal there.
            if (!_closed && (_actions.Length > 0 || _check is not null || _finishedImages.Length > 0))
            {
                nodes[Index] = SnapshotUnlocked(NodeTaskPhases.InProgress, null);
            }
        }
    }

    // Called under the lock.
    private void Publish(NodeUpdateKind kind, ImageResult? image)
    {
        if (!_closed && _job.Options.StreamSteps)
        {
            _job.Publish(Index, new NodeUpdate(kind, SnapshotUnlocked(NodeTaskPhases.InProgress, null), image));
        }
    }

    private void OnWorkDone() => _wait!.TryEnd(_generation, NodeWaitEnd.WorkDone);

    private NodeTaskResult SnapshotUnlocked(string phase, string? reason) =>
        new(NodeName, phase, reason, ActionFlow(), _finishedImages);

    // Called under the lock.
    private ActionResult[] ActionFlow() => _check is null ? _actions : [.. _actions, _check];
}

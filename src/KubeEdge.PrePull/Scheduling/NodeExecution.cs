using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// One dispatched node: runs Check then Pull and publishes each step (when steps are streamed). Once the scheduler
/// has closed it (finished or timed out), steps from a puller that kept running are dropped, so a late result never
/// overwrites <c>Unknown</c>.
/// A worker reuses one instance, and so its <c>_gate</c>, for node after node (<see cref="Dispatch"/>) as long as no
/// puller can still be running for the previous node: a job's nodes then cost no run object and no lock each.
/// </summary>
/// <remarks>
/// This file holds the node's state and its snapshots; <c>NodeExecution.Steps.cs</c> the puller calls (Begin, Check,
/// Pull, End), <c>NodeExecution.Images.cs</c> how the image results are recorded and shared.
/// </remarks>
internal sealed partial class NodeExecution
{
    private readonly JobExecution _job;
    private readonly Lock _gate = new();
    // Snapshots share these arrays, so they are replaced (copy on write), never changed in place.
    private ActionResult[] _actions = [];
    // A failed Check, not yet in _actions (a snapshot lists it).
    private ActionResult? _check;
    // A passed Check, kept as its time until someone reads it (then CheckAction builds it): its one-element list is
    // built only when someone asks (GetNodes, a step update read); a node that succeeds goes straight to CheckThenPull.
    private bool _checkPassed;
    private DateTimeOffset _checkTime;
    // The whole flow once the node's Pull ended after a passed Check; see Finish.
    private CheckThenPull? _flow;
    private ImageResult[] _finishedImages = [];
    // Only for parallel image pulls, which finish out of order: the results by spec position.
    private ImageResult?[]? _images;
    // The images of the previous node this instance ran, and how many leading images of the node now running are
    // those same instances. The nodes of a job mostly pull the same images with the same outcome (same digest, one
    // attempt): an equal result reuses the earlier instance and a whole equal list the earlier array, so a finished
    // node keeps no image objects of its own. Records are immutable and compare by value, so sharing is invisible.
    private ImageResult[] _previousImages = [];
    private int _sharedImages;
    // True while the instance runs no node (also before its first Reset): GetNodes then reads nothing here.
    private bool _closed = true;
    // The work in flight and whom to tell when it finishes; see Watch.
    private readonly Action _onWorkDone;
    private ValueTask<NodeTaskResult?> _work;
    private NodeWait? _wait;
    private int _generation;
    // The node's plan once read (TryGetPlan), or why the source had none.
    private NodePlan? _plan;
    private Exception? _planError;
    private bool _planRead;
    // Updates this node's worker holds while it runs nodes synchronously (see Send); under _gate.
    private readonly List<NodeUpdate> _held = [];
    private bool _holding;
    // Where the updates of the node now running start in _held.
    private int _heldFrom;

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

    /// <summary>
    /// Makes this the run of another node and sends its <see cref="NodeUpdateKind.Dispatched"/> update; only once the
    /// previous node's puller calls have all returned.
    /// </summary>
    public void Dispatch(int index, string nodeName, CancellationTokenSource cancellation)
    {
        lock (_gate)
        {
            Index = index;
            NodeName = nodeName;
            Cancellation = cancellation;
            Began = false;
            _actions = [];
            _check = null;
            _checkPassed = false;
            _flow = null;
            if (_finishedImages.Length > 0)
            {
                _previousImages = _finishedImages;
            }

            _finishedImages = [];
            _waiting = [];
            _sharedImages = 0;
            _images = null;
            _plan = null;
            _planError = null;
            _planRead = false;
            _closed = false;
            // The waiting mode stores each step's state as it streams it, under the job's lock: nothing is held there.
            _holding = !_job.WaitingMode;
            _heldFrom = _held.Count;
            // Built when read, like a step's (docs/design.md §4 item 2): GetNodes shows the node InProgress from here.
            _job.PublishStep(index, new NodeUpdate(NodeUpdateKind.Dispatched, nodeName, Array.Empty<ActionResult>(), Array.Empty<ImageResult>(), null), this);
        }
    }

    /// <summary>
    /// Hands an update of this node to the stream (called under <c>_gate</c>). While the node runs within its
    /// worker's call (its backend answered every step so far synchronously), its updates are held: if it ends that
    /// way, only its <see cref="NodeUpdateKind.Dispatched"/> and <see cref="NodeUpdateKind.Finished"/> updates stay
    /// (the end's state holds every step; see <see cref="CloseUnlocked"/>), and the worker hands the updates of such
    /// nodes to the stream together (<see cref="Flush"/>: every few nodes, after a short time, when a node waits, when
    /// the worker ends), so that the stream takes its lock once per batch rather than once per update. If the node
    /// starts to wait, the held updates go out at once and every later step as it happens (<see cref="StopHolding"/>).
    /// No one could see such a node between its steps, and its updates were most of a synchronous node's cost
    /// (docs/design.md §2 "Progress", §4 item 2).
    /// </summary>
    public void Send(NodeUpdate update)
    {
        if (_holding)
        {
            _held.Add(update);
        }
        else
        {
            _job.Write(update);
        }
    }

    /// <summary>The node waits for its backend: hands over what is held, and sends every later step at once.</summary>
    public void StopHolding()
    {
        lock (_gate)
        {
            FlushUnlocked();
            _holding = false;
        }
    }

    /// <summary>Hands the held updates (of the nodes that ended without waiting) to the stream, in order.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            FlushUnlocked();
        }
    }

    // Called under _gate when the node ends while still held: of its updates, only Dispatched stays held; its
    // Finished update follows.
    private void DropHeldSteps()
    {
        var steps = _held.Count - _heldFrom - 1;
        if (steps > 0)
        {
            _held.RemoveRange(_heldFrom + 1, steps);
        }
    }

    private void FlushUnlocked()
    {
        if (_held.Count == 0)
        {
            return;
        }

        _job.Write(_held);
        _held.Clear();
        _heldFrom = 0;
    }

    /// <summary>
    /// Ends <paramref name="generation"/> of <paramref name="wait"/> when <paramref name="work"/> finishes. The work is
    /// awaited here, once; <see cref="TakeResult"/> then reads it. A work that outlives its wait (timed out) finds a
    /// newer generation or none and changes nothing; this instance is then never reused.
    /// </summary>
    public void Watch(ValueTask<NodeTaskResult?> work, NodeWait wait, int generation)
    {
        _work = work;
        _wait = wait;
        _generation = generation;
        work.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onWorkDone);
    }

    /// <summary>The watched work's result (or exception); only once its wait ended with <see cref="NodeWaitEnd.WorkDone"/>.</summary>
    public NodeTaskResult? TakeResult()
    {
        var work = _work;
        _work = default;
        return work.GetAwaiter().GetResult();
    }

    private void OnWorkDone() => _wait!.TryEnd(_generation, NodeWaitEnd.WorkDone);

    /// <summary>
    /// Closes the node with its final state; returns <see langword="false"/> when it was already closed (also when
    /// <paramref name="result"/> is <see langword="null"/>: the node closed itself, see <see cref="Finish"/>).
    /// </summary>
    public bool TryClose(NodeTaskResult? result)
    {
        lock (_gate)
        {
            if (_closed || result is null)
            {
                return false;
            }

            CloseUnlocked();
            _job.Publish(Index, new NodeUpdate(NodeUpdateKind.Finished, result), source: this);
            return true;
        }
    }

    // Called under _gate, just before the Finished update is sent.
    private void CloseUnlocked()
    {
        _closed = true;
        if (_holding)
        {
            DropHeldSteps();
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

    /// <summary>
    /// Puts this node's state into <paramref name="nodes"/> when it is in flight: the states of nodes in flight are
    /// built only here (or when their updates are read), when someone asks.
    /// </summary>
    public void CopyStateTo(NodeTaskResult[] nodes)
    {
        lock (_gate)
        {
            // A closed one is terminal there (or was never dispatched).
            if (!_closed)
            {
                nodes[Index] = SnapshotUnlocked(NodeTaskPhases.InProgress, null);
            }
        }
    }

    // Called under _gate. The update carries the state's parts and builds the snapshot only when read: the job's
    // GetNodes reads a node in flight from here (CopyStateTo), not from its updates (docs/design.md §4 item 2).
    private void Publish(NodeUpdateKind kind, ImageResult? image)
    {
        if (!_closed && _job.Options.StreamSteps)
        {
            _job.PublishStep(Index, _checkPassed && _actions.Length == 0
                ? new NodeUpdate(kind, NodeName, _checkTime, ShownImages(), image)
                : new NodeUpdate(kind, NodeName, ActionFlow(), ShownImages(), image), this);
        }
    }

    private NodeTaskResult SnapshotUnlocked(string phase, string? reason) =>
        new(NodeName, phase, reason, ActionFlow(), ShownImages());

    // Called under _gate.
    private IReadOnlyList<ActionResult> ActionFlow() => _flow is not null ? _flow : CheckAction() is { } check ? [.. _actions, check] : _actions;

    // Called under _gate: the finished Check not yet in _actions, if any.
    private ActionResult? CheckAction() => _check ?? (_checkPassed ? new ActionResult(NodeActions.Check, true, null, _checkTime) : null);
}

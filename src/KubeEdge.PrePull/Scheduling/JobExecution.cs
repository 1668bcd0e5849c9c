using System.Threading.Channels;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Selection;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// One run of a job. Workers claim the nodes in order from a shared cursor (skipping terminal ones); there are at
/// most <c>concurrency</c> workers, each with at most one node in flight. A worker waits for its node with the
/// node's timeout and moves on when it expires, even if the puller ignores the cancellation (upstream's slot leak).
/// A node that a backend answers synchronously costs no task, no timer and no new cancellation source: each worker
/// reuses one source until it is cancelled or left with a puller that still runs. A node that waits costs no task and
/// no timer either: each worker waits through one <see cref="NodeWait"/>, whose timer is re-armed per node. Failure
/// counting is under <c>_gate</c>; the tolerance decides the phase only at the end (docs/design.md §2 "Execution").
/// The one early stop is the <see cref="DispatchBreaker"/>, which sets a stop flag that every dispatch reads.
/// </summary>
/// <remarks>
/// This file holds the run's shared state and results; <c>JobExecution.Dispatch.cs</c> the workers that hand out
/// the nodes, <c>JobExecution.Timeout.cs</c> the run of one node under its timeout.
/// </remarks>
internal sealed partial class JobExecution
{
    private readonly Lock _gate = new();
    // The workers' node runs, for GetNodes to read the state of nodes in flight: _nodes keeps a node's entry from
    // before its dispatch until it ends (docs/design.md §4 item 2), except in the waiting mode.
    private readonly List<NodeExecution> _executions = [];
    // One consumer (a status writer, a progress bar) reads the stream.
    private readonly UpdateStream _updates = new();
    private readonly CancellationToken _cancellationToken;
    // The node timeout in the clock's timestamp units, so a deadline is one addition.
    private readonly long _timeoutInTimestampTicks;
    private readonly DispatchBreaker _breaker = new();
    // Replaced (never changed in length) when nodes join in waiting mode, always under _gate then.
    private NodeTaskResult[] _nodes;
    // The nodes that succeeded the common way, as values (SucceededNodes.Marker in _nodes); not in the waiting mode,
    // whose node array grows.
    private readonly SucceededNodes? _succeeded;
    private int _failed;
    private int _dispatched;
    // Set once the breaker tripped: nothing more is dispatched.
    private volatile bool _stopped;
    // Whether finished successful nodes must still be shown to the breaker (under _gate); read without it first.
    private volatile bool _breakerWatching = true;

    public JobExecution(
        IImagePuller puller,
        SchedulerOptions options,
        TimeProvider time,
        Func<double> random,
        IReadOnlyList<NodeTaskResult> nodes,
        INodePlanSource plans,
        JobSettings settings,
        CancellationToken cancellationToken)
    {
        Puller = puller;
        ScopedPuller = puller as INodeScopedImagePuller;
        Options = options;
        Time = time;
        Random = random;
        Plans = plans;
        Settings = settings;
        CannotCheckReason = UnsupportedCheckItems(puller, settings.CheckItems);
        _cancellationToken = cancellationToken;
        _timeoutInTimestampTicks = (long)(settings.Timeout.TotalSeconds * time.TimestampFrequency);
        _nodes = new NodeTaskResult[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            // A node that was in flight when an earlier run stopped runs again from the start. A clean Pending entry
            // is immutable and already what the run needs, so it is kept rather than copied.
            _nodes[i] = node.IsTerminal || IsCleanPending(node) || (settings.WaitsForNodes && IsWaiting(node)) ? node : NodeTaskResult.Pending(node.NodeName);
            if (node.IsFailed)
            {
                _failed++;
            }
        }

        _waitingMode = settings.WaitsForNodes;
        if (_waitingMode)
        {
            InitWaitingMode();
        }
        else
        {
            _succeeded = new SucceededNodes(_nodes.Length);
        }
    }

    public IImagePuller Puller { get; }

    /// <summary>The puller when it wants Begin/End calls around each node; looked up once per job.</summary>
    public INodeScopedImagePuller? ScopedPuller { get; }

    public SchedulerOptions Options { get; }

    public TimeProvider Time { get; }

    public Func<double> Random { get; }

    public INodePlanSource Plans { get; }

    public JobSettings Settings { get; }

    /// <summary>Why every node's Check fails: the backend cannot check one of the job's items; <see langword="null"/> when it can.</summary>
    public string? CannotCheckReason { get; }

    public ChannelReader<NodeUpdate> Updates => _updates;

    /// <summary>
    /// Whether a node that succeeded the common way can end through <see cref="PublishSucceeded"/>: not in the waiting
    /// mode, and once the breaker no longer watches (it reads the first nodes' results; it never watches again).
    /// </summary>
    public bool KeepsSucceededAsValues => _succeeded is not null && !_breakerWatching;

    public Task<JobOutcome> Completion { get; private set; } = null!;

    public void Start() => Completion = _waitingMode ? RunWaitingAsync() : RunAsync();

    public IReadOnlyList<NodeTaskResult> GetNodes()
    {
        NodeTaskResult[] nodes;
        NodeExecution[]? running = null;
        lock (_gate)
        {
            nodes = (NodeTaskResult[])_nodes.Clone();
            // The waiting mode stores every streamed step in _nodes (PublishWaiting).
            if (!Options.StreamSteps || !_waitingMode)
            {
                running = [.. _executions];
            }
        }

        if (running is not null)
        {
            // Outside _gate: a node publishes under its own _gate and then takes this one, so the other order could
            // deadlock. A state read here is newer than the copy, never older.
            foreach (var node in running)
            {
                node.CopyStateTo(nodes);
            }

            if (!_waitingMode)
            {
                // A node in flight is still Pending in _nodes (its Dispatched update stores nothing). One that ended
                // after the copy, whose run then moved on to another node, is terminal in _nodes by now: its end was
                // stored before its run took the next node, and CopyStateTo took that run's lock.
                for (var i = 0; i < nodes.Length; i++)
                {
                    if (nodes[i].Phase == NodeTaskPhases.Pending && Volatile.Read(ref _nodes[i]) is { Phase: not NodeTaskPhases.Pending } now)
                    {
                        nodes[i] = now;
                    }
                }
            }
        }

        return _succeeded is null ? nodes : new NodeStates(nodes, _succeeded);
    }

    /// <summary>
    /// Ends a node that succeeded the common way (its Check passed, then every image was pulled) without a
    /// <see cref="NodeTaskResult"/>: its state is kept as values and built when read (see <see cref="SucceededNodes"/>).
    /// Only while <see cref="KeepsSucceededAsValues"/>; a success counts no failure and the breaker no longer watches.
    /// </summary>
    public void PublishSucceeded(int index, string nodeName, DateTimeOffset checkTime, DateTimeOffset pullTime, ImageResult[] images, NodeExecution source)
    {
        var succeeded = _succeeded!;
        succeeded.Set(index, nodeName, checkTime, pullTime, images);
        // After the entry: a reader that sees the marker reads a complete entry.
        Volatile.Write(ref _nodes[index], SucceededNodes.Marker);
        source.Send(new NodeUpdate(succeeded, index));
    }

    /// <summary>Records a node's new state and hands the update to the stream.</summary>
    /// <param name="index">The node's position.</param>
    /// <param name="update">The step.</param>
    /// <param name="ran">Whether the node was dispatched by this run (the breaker watches those only).</param>
    /// <param name="source">The node's run, which sends the update (see <see cref="NodeExecution.Send"/>); <see langword="null"/> to write it now.</param>
    public void Publish(int index, NodeUpdate update, bool ran = true, NodeExecution? source = null)
    {
        if (_waitingMode)
        {
            PublishWaiting(index, update, ran);
            return;
        }

        if (update.Kind == NodeUpdateKind.Finished && (update.Node.IsFailed || _breakerWatching))
        {
            lock (_gate)
            {
                _nodes[index] = update.Node;
                if (update.Node.IsFailed)
                {
                    _failed++;
                }

                if (ran && _breaker.Observe(update.Node))
                {
                    _stopped = true;
                }

                _breakerWatching = _breaker.Watching;
            }
        }
        else
        {
            // A reference write is atomic and GetNodes copies under the lock; only failure counting needs it.
            Volatile.Write(ref _nodes[index], update.Node);
        }

        Send(update, source);
    }

    /// <summary>Hands <paramref name="update"/> to the stream now.</summary>
    public void Write(NodeUpdate update) => _updates.Write(update);

    /// <summary>Hands <paramref name="updates"/> to the stream now, in order, at once.</summary>
    public void Write(List<NodeUpdate> updates) => _updates.Write(updates);

    /// <summary>
    /// Hands a step of a node in flight to the stream. Its state is not stored: GetNodes reads it from the node's run,
    /// and the update builds it when read, so a step costs no snapshot (docs/design.md §4 item 2).
    /// </summary>
    public void PublishStep(int index, NodeUpdate update, NodeExecution source)
    {
        if (_waitingMode)
        {
            PublishWaiting(index, update, ran: true);
            return;
        }

        Send(update, source);
    }

    private void Send(NodeUpdate update, NodeExecution? source)
    {
        if (source is null)
        {
            Write(update);
        }
        else
        {
            source.Send(update);
        }
    }

    private static bool IsCleanPending(NodeTaskResult node) =>
        node.Phase == NodeTaskPhases.Pending && node.Reason is null && node.ActionFlow.Count == 0 && node.Images.Count == 0;

    private static string? UnsupportedCheckItems(IImagePuller puller, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var supported = puller.SupportedCheckItems;
        List<string>? unsupported = null;
        for (var i = 0; i < items.Count; i++)
        {
            if (!supported.Contains(items[i]))
            {
                (unsupported ??= []).Add(items[i]);
            }
        }

        return unsupported is null ? null : SchedulerReasons.CannotCheck(puller.Name, unsupported);
    }

    private JobOutcome Outcome()
    {
        // Every worker has stopped and a late step of a timed-out puller is dropped by its closed run, so without the
        // waiting mode (whose nodes can still be added, and which keeps no SucceededNodes) the node array no longer
        // changes: no copy of it.
        var nodes = _succeeded is null ? GetNodes() : new NodeStates(_nodes, _succeeded);
        int failed, dispatched;
        lock (_gate)
        {
            failed = _failed;
            dispatched = Volatile.Read(ref _dispatched);
        }

        if (nodes.Count == 0)
        {
            return new JobOutcome(JobPhases.Failure, NodeSelectionReasons.NoNodesMatched, nodes, 0);
        }

        var exceeded = FailureTolerance.IsExceeded(failed, nodes.Count, Settings.FailureTolerate);
        if (_breaker.Reason is { } stopped)
        {
            var reason = SchedulerReasons.DispatchStopped(stopped);
            return new JobOutcome(JobPhases.Failure, exceeded ? SchedulerReasons.ToleranceExceeded(failed, nodes.Count) + "; " + reason : reason, nodes, dispatched);
        }

        return exceeded
            ? new JobOutcome(JobPhases.Failure, SchedulerReasons.ToleranceExceeded(failed, nodes.Count), nodes, dispatched)
            : new JobOutcome(JobPhases.Completed, null, nodes, dispatched);
    }
}

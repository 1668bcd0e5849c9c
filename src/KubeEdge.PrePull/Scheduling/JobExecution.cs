using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
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
/// A node that a backend answers
/// synchronously costs no task, no timer and no new cancellation source: each worker reuses one source until it is
/// cancelled or left with a puller that still runs. A node that waits costs no task and no timer either: each worker
/// waits through one <see cref="NodeWait"/>, whose timer is re-armed per node. Failure counting is under a lock and sets a stop flag that
/// every dispatch reads, so no node is dispatched once the tolerance is exceeded.
/// </summary>
internal sealed class JobExecution
{
    // Nodes a worker runs synchronously in a row before it yields its thread.
    private const int YieldEvery = 32;

    private readonly NodeTaskResult[] _nodes;
    private readonly Lock _gate = new();
    // The workers' node runs, for GetNodes to read the steps of nodes in flight when they are not streamed.
    private readonly List<NodeExecution> _executions = [];
    // One consumer (a status writer, a progress bar) reads the stream; SingleReader picks the lock-free queue.
    private readonly Channel<NodeUpdate> _updates = Channel.CreateUnbounded<NodeUpdate>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = true });
    private readonly CancellationToken _cancellationToken;
    // The node timeout in the clock's timestamp units, so a deadline is one addition.
    private readonly long _timeoutInTimestampTicks;
    private readonly TaskCompletionSource _workersDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _workers;
    private ExceptionDispatchInfo? _workerError;
    private int _cursor = -1;
    private int _failed;
    private int _dispatched;
    private volatile bool _stopped;

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
            _nodes[i] = node.IsTerminal || IsCleanPending(node) ? node : NodeTaskResult.Pending(node.NodeName);
            if (node.IsFailed)
            {
                _failed++;
            }
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

    public ChannelReader<NodeUpdate> Updates => _updates.Reader;

    public Task<JobOutcome> Completion { get; private set; } = null!;

    public void Start() => Completion = RunAsync();

    public NodeTaskResult[] GetNodes()
    {
        NodeTaskResult[] nodes;
        NodeExecution[]? running = null;
        lock (_gate)
        {
            nodes = (NodeTaskResult[])_nodes.Clone();
            if (!Options.StreamSteps)
            {
                running = [.. _executions];
            }
        }

        if (running is not null)
        {
            // Outside _gate: a node publishes under its own lock and then takes _gate, so the other order could
            // deadlock. A state read here is newer than the copy, never older.
            foreach (var node in running)
            {
                node.CopyStateTo(nodes);
            }
        }

        return nodes;
    }

    /// <summary>Records a node's new state and hands the update to the stream.</summary>
    public void Publish(int index, NodeUpdate update)
    {
        if (update.Kind == NodeUpdateKind.Finished && update.Node.IsFailed)
        {
            lock (_gate)
            {
                _nodes[index] = update.Node;
                _failed++;
                if (FailureTolerance.IsExceeded(_failed, _nodes.Length, Settings.FailureTolerate))
                {
                    _stopped = true;
                }
            }
        }
        else
        {
            // A reference write is atomic and GetNodes copies under the lock; only failure counting needs it.
            Volatile.Write(ref _nodes[index], update.Node);
        }

        _updates.Writer.TryWrite(update);
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

    private async Task<JobOutcome> RunAsync()
    {
        // Return to the caller at once; a puller that completes synchronously would otherwise run the job here.
        await Task.Yield();
        try
        {
            lock (_gate)
            {
                _stopped = FailureTolerance.IsExceeded(_failed, _nodes.Length, Settings.FailureTolerate);
            }

            _workers = 1;
            _ = WorkAsync();
            await _workersDone.Task.ConfigureAwait(false);
            _workerError?.Throw();
            return Outcome();
        }
        finally
        {
            _updates.Writer.TryComplete();
        }
    }

    /// <summary>
    /// Runs nodes one after the other until none is left. A worker whose node goes asynchronous starts another worker
    /// first, while there are fewer than <c>concurrency</c>: so every slot gets used, each worker has at most one node
    /// in flight, and a backend that answers synchronously keeps a single worker busy instead of a thousand.
    /// </summary>
    private async Task WorkAsync()
    {
        // Reused from node to node while no puller can still be running with them; see RunNodeAsync.
        CancellationTokenSource? cancellation = null;
        NodeExecution? node = null;
        NodeWait? wait = null;
        var inline = 0;
        try
        {
            _cancellationToken.ThrowIfCancellationRequested();
            for (var index = Interlocked.Increment(ref _cursor); index < _nodes.Length; index = Interlocked.Increment(ref _cursor))
            {
                // Terminal nodes (kept from an earlier run) are skipped; only Start writes them, before the workers.
                if (_nodes[index].IsTerminal)
                {
                    continue;
                }

                if (++inline % YieldEvery == 0)
                {
                    // A backend that answers synchronously would keep this thread for the whole job; let the stream's
                    // reader (and whatever else is queued) run, or every update piles up unread until the end.
                    await Task.Yield();
                }

                if (!TryDispatch(index))
                {
                    continue;
                }

                cancellation ??= new CancellationTokenSource();
                node ??= Track(new NodeExecution(this));
                node.Reset(index, _nodes[index].NodeName, cancellation);
                wait ??= new NodeWait(Time, _cancellationToken);
                var running = RunNodeAsync(node, wait);
                bool workFinished;
                if (running.IsCompletedSuccessfully)
                {
                    workFinished = running.Result;
                }
                else
                {
                    StartAnotherWorker(index);
                    inline = 0;
                    workFinished = await running.ConfigureAwait(false);
                }

                if (!workFinished)
                {
                    // The puller still runs for this node (it ignored the timeout): leave it the token and the run
                    // object, whose closed state drops its late steps.
                    cancellation = null;
                    Untrack(node);
                    node = null;
                }
                else if (!cancellation.TryReset())
                {
                    cancellation.Dispose();
                    cancellation = null;
                }
            }
        }
#pragma warning disable CA1031 // Kept and rethrown by RunAsync once every worker has stopped, as Task.WhenAll would.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            lock (_gate)
            {
                _workerError ??= ExceptionDispatchInfo.Capture(ex);
            }
        }
        finally
        {
            cancellation?.Dispose();
            wait?.Dispose();
            Untrack(node);
            if (Interlocked.Decrement(ref _workers) == 0)
            {
                _workersDone.TrySetResult();
            }
        }
    }

    private NodeExecution Track(NodeExecution node)
    {
        lock (_gate)
        {
            _executions.Add(node);
        }

        return node;
    }

    private void Untrack(NodeExecution? node)
    {
        if (node is not null)
        {
            lock (_gate)
            {
                _executions.Remove(node);
            }
        }
    }

    private void StartAnotherWorker(int index)
    {
        // Counted before it starts, so the count cannot reach 0 while this worker still waits for its node.
        var workers = Volatile.Read(ref _workers);
        while (workers < Settings.Concurrency && index + 1 < _nodes.Length)
        {
            var seen = Interlocked.CompareExchange(ref _workers, workers + 1, workers);
            if (seen == workers)
            {
                _ = Task.Run(WorkAsync, CancellationToken.None);
                return;
            }

            workers = seen;
        }
    }

    private bool TryDispatch(int index)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var node = _nodes[index];
        if (_stopped)
        {
            Publish(index, new NodeUpdate(NodeUpdateKind.NotStarted, node with { Reason = SchedulerReasons.NotStartedToleranceExceeded }));
            return false;
        }

        Interlocked.Increment(ref _dispatched);
        Publish(index, new NodeUpdate(NodeUpdateKind.Dispatched, new NodeTaskResult(node.NodeName, NodeTaskPhases.InProgress, null, [], [])));
        return true;
    }

    /// <summary>Runs and closes a node, then ends it; returns whether the puller is done with the node's token.</summary>
    // Pooled: a node that waits for its backend would otherwise allocate this state machine each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> RunNodeAsync(NodeExecution node, NodeWait wait)
    {
        try
        {
            // The timeout runs from dispatch, so time spent before the wait starts (a slow synchronous puller) counts.
            var dispatchedAt = Time.GetTimestamp();
            var running = node.RunAsync(node.Cancellation.Token);
            if (running.IsCompletedSuccessfully)
            {
                // A backend that answered synchronously: no timer, no task.
                node.TryClose(running.Result);
                return true;
            }

            node.Watch(running, wait, wait.Begin(dispatchedAt + _timeoutInTimestampTicks));
            var end = await wait.WaitAsync().ConfigureAwait(false);
            NodeTaskResult result;
            if (end == NodeWaitEnd.TimedOut)
            {
                await node.Cancellation.CancelAsync().ConfigureAwait(false);
                result = node.Snapshot(NodeTaskPhases.Unknown, SchedulerReasons.TimedOut(Settings.Timeout));
            }
            else if (end == NodeWaitEnd.Cancelled)
            {
                await node.Cancellation.CancelAsync().ConfigureAwait(false);
                _cancellationToken.ThrowIfCancellationRequested();
                throw new InvalidOperationException("the job's wait ended as cancelled with a token that is not");
            }
            else
            {
                try
                {
                    result = node.TakeResult();
                }
                catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
                {
                    await node.Cancellation.CancelAsync().ConfigureAwait(false);
                    throw;
                }
#pragma warning disable CA1031 // A bug in one node's run fails that node, never the job.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    result = node.Snapshot(NodeTaskPhases.Failure, ex.Message);
                }
            }

            node.TryClose(result);
            // After a timeout the work may still finish and signal this node's wait: neither the node nor its token
            // is reused then.
            return end == NodeWaitEnd.WorkDone;
        }
        finally
        {
            // After the close, also after a timeout or cancellation: a node-scoped puller removes what it created.
            await node.EndAsync().ConfigureAwait(false);
        }
    }

    private JobOutcome Outcome()
    {
        var nodes = GetNodes();
        int failed, dispatched;
        lock (_gate)
        {
            failed = _failed;
            dispatched = Volatile.Read(ref _dispatched);
        }

        if (nodes.Length == 0)
        {
            return new JobOutcome(JobPhases.Failure, NodeSelectionReasons.NoNodesMatched, nodes, 0);
        }

        return FailureTolerance.IsExceeded(failed, nodes.Length, Settings.FailureTolerate)
            ? new JobOutcome(JobPhases.Failure, SchedulerReasons.ToleranceExceeded(failed, nodes.Length), nodes, dispatched)
            : new JobOutcome(JobPhases.Completed, null, nodes, dispatched);
    }
}

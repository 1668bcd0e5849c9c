using System.Threading.Channels;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Selection;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// One run of a job. The nodes to run go into a channel; <c>concurrency</c> workers read it, so at most that many
/// nodes are in flight. A worker waits for its node with the node's timeout and moves on when it expires, even if
/// the puller ignores the cancellation (upstream's slot leak). Failure counting and the dispatch decision share one
/// lock, so no node is dispatched once the tolerance is exceeded.
/// </summary>
internal sealed class JobExecution
{
    private readonly NodeTaskResult[] _nodes;
    private readonly Lock _gate = new();
    // One consumer (a status writer, a progress bar) reads the stream; SingleReader picks the lock-free queue.
    private readonly Channel<NodeUpdate> _updates = Channel.CreateUnbounded<NodeUpdate>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = true });
    private readonly CancellationToken _cancellationToken;
    private int _failed;
    private int _dispatched;
    private bool _stopped;

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
        Options = options;
        Time = time;
        Random = random;
        Plans = plans;
        Settings = settings;
        _cancellationToken = cancellationToken;
        _nodes = new NodeTaskResult[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            // A node that was in flight when an earlier run stopped runs again from the start.
            _nodes[i] = nodes[i].IsTerminal ? nodes[i] : NodeTaskResult.Pending(nodes[i].NodeName);
            if (nodes[i].IsFailed)
            {
                _failed++;
            }
        }
    }

    public IImagePuller Puller { get; }

    public SchedulerOptions Options { get; }

    public TimeProvider Time { get; }

    public Func<double> Random { get; }

    public INodePlanSource Plans { get; }

    public JobSettings Settings { get; }

    public ChannelReader<NodeUpdate> Updates => _updates.Reader;

    public Task<JobOutcome> Completion { get; private set; } = null!;

    public void Start() => Completion = RunAsync();

    public NodeTaskResult[] GetNodes()
    {
        lock (_gate)
        {
            return (NodeTaskResult[])_nodes.Clone();
        }
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
                _stopped |= FailureTolerance.IsExceeded(_failed, _nodes.Length, Settings.FailureTolerate);
            }
        }
        else
        {
            // A reference write is atomic and GetNodes copies under the lock; only failure counting needs it.
            Volatile.Write(ref _nodes[index], update.Node);
        }

        _updates.Writer.TryWrite(update);
    }

    private async Task<JobOutcome> RunAsync()
    {
        // Return to the caller at once; a puller that completes synchronously would otherwise run the job here.
        await Task.Yield();
        try
        {
            var queue = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleWriter = true, SingleReader = false });
            for (var i = 0; i < _nodes.Length; i++)
            {
                if (!_nodes[i].IsTerminal)
                {
                    queue.Writer.TryWrite(i);
                }
            }

            queue.Writer.Complete();
            lock (_gate)
            {
                _stopped = FailureTolerance.IsExceeded(_failed, _nodes.Length, Settings.FailureTolerate);
            }

            var workers = new Task[Math.Min(Settings.Concurrency, Math.Max(queue.Reader.Count, 1))];
            for (var w = 0; w < workers.Length; w++)
            {
                workers[w] = Task.Run(() => WorkAsync(queue.Reader), CancellationToken.None);
            }

            await Task.WhenAll(workers).ConfigureAwait(false);
            return Outcome();
        }
        finally
        {
            _updates.Writer.TryComplete();
        }
    }

    private async Task WorkAsync(ChannelReader<int> queue)
    {
        while (await queue.WaitToReadAsync(_cancellationToken).ConfigureAwait(false))
        {
            while (queue.TryRead(out var index))
            {
                var node = TryDispatch(index);
                if (node is not null)
                {
                    await RunNodeAsync(node).ConfigureAwait(false);
                }
            }
        }
    }

    private NodeExecution? TryDispatch(int index)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var name = _nodes[index].NodeName;
        NodeUpdate update;
        lock (_gate)
        {
            if (_stopped)
            {
                update = new NodeUpdate(NodeUpdateKind.NotStarted, _nodes[index] with { Reason = SchedulerReasons.NotStartedToleranceExceeded });
            }
            else
            {
                _dispatched++;
                update = new NodeUpdate(NodeUpdateKind.Dispatched, new NodeTaskResult(name, NodeTaskPhases.InProgress, null, [], []));
            }
        }

        Publish(index, update);
        return update.Kind == NodeUpdateKind.Dispatched ? new NodeExecution(this, index, name) : null;
    }

    private async Task RunNodeAsync(NodeExecution node)
    {
        try
        {
            await RunAndCloseAsync(node).ConfigureAwait(false);
        }
        finally
        {
            // After the close, also after a timeout or cancellation: a node-scoped puller removes what it created.
            await node.EndAsync().ConfigureAwait(false);
        }
    }

    private async Task RunAndCloseAsync(NodeExecution node)
    {
        // The timeout runs from dispatch, so time spent before the wait starts (a slow synchronous puller) counts.
        var dispatchedAt = Time.GetTimestamp();
        var running = node.RunAsync(node.Cancellation.Token);
        if (running.IsCompletedSuccessfully)
        {
            // A backend that answered synchronously: no timer, no task.
            node.TryClose(running.Result);
            node.Cancellation.Dispose();
            return;
        }

        var work = running.AsTask();
        NodeTaskResult result;
        try
        {
            var remaining = Settings.Timeout - Time.GetElapsedTime(dispatchedAt);
            result = await work.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, Time, _cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await node.Cancellation.CancelAsync().ConfigureAwait(false);
            var reason = SchedulerReasons.TimedOut(Settings.Timeout);
            result = node.Snapshot(NodeTaskPhases.Unknown, reason);
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

        node.TryClose(result);
        if (work.IsCompleted)
        {
            node.Cancellation.Dispose();
        }
    }

    private JobOutcome Outcome()
    {
        var nodes = GetNodes();
        int failed, dispatched;
        lock (_gate)
        {
            failed = _failed;
            dispatched = _dispatched;
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

using System.Runtime.ExceptionServices;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Scheduling;

// The workers: they claim the nodes in order from a shared cursor and dispatch each unless the breaker stopped the job.
internal sealed partial class JobExecution
{
    // Nodes a worker runs synchronously in a row before it yields its thread.
    private const int YieldEvery = 256;

    // Nodes that ended without waiting whose updates a worker holds at most, and for how long at most (see
    // NodeExecution.Send): a backend that answers synchronously but slowly still shows progress as it goes.
    private const int FlushEvery = 64;
    private static readonly TimeSpan FlushAfter = TimeSpan.FromMilliseconds(50);

    private readonly TaskCompletionSource _workersDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _workers;
    private ExceptionDispatchInfo? _workerError;
    private int _cursor = -1;

    private async Task<JobOutcome> RunAsync()
    {
        // Return to the caller at once; a puller that completes synchronously would otherwise run the job here.
        await Task.Yield();
        try
        {
            _workers = 1;
            _ = WorkAsync();
            await _workersDone.Task.ConfigureAwait(false);
            _workerError?.Throw();
            return Outcome();
        }
        finally
        {
            _updates.Complete();
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
        var held = 0;
        var flushedAt = Time.GetTimestamp();
        // Whether NextIndex counted this worker out already (waiting mode), so finally must not.
        var countedOut = false;
        try
        {
            _cancellationToken.ThrowIfCancellationRequested();
            for (var index = NextIndex(ref countedOut); index >= 0; index = NextIndex(ref countedOut))
            {
                // Terminal nodes (kept from an earlier run) are skipped; only Start writes them, before the workers.
                // The waiting mode queues only nodes to run.
                if (!_waitingMode && _nodes[index].IsTerminal)
                {
                    continue;
                }

                if (++inline % YieldEvery == 0)
                {
                    // A backend that answers synchronously would keep this thread for the whole job; let the stream's
                    // reader (and whatever else is queued) run, or every update piles up unread until the end.
                    node?.Flush();
                    held = 0;
                    await Task.Yield();
                }

                if (!TryDispatch(index))
                {
                    continue;
                }

                cancellation ??= new CancellationTokenSource();
                node ??= Track(new NodeExecution(this));
                // With its Dispatched update, under the run's lock: from that update on, GetNodes reads the node's state
                // from its run (the update stores none).
                node.Dispatch(index, _nodes[index].NodeName, cancellation);
                wait ??= new NodeWait(Time, _cancellationToken);
                // The timeout runs from dispatch, so time spent before the wait starts (a slow synchronous puller) counts.
                var dispatchedAt = Time.GetTimestamp();
                var running = RunNodeAsync(node, wait, dispatchedAt);
                bool workFinished;
                if (running.IsCompletedSuccessfully)
                {
                    workFinished = running.Result;
                    if (++held >= FlushEvery || Time.GetElapsedTime(flushedAt, dispatchedAt) >= FlushAfter)
                    {
                        node.Flush();
                        held = 0;
                        flushedAt = dispatchedAt;
                    }
                }
                else
                {
                    // The node waits: its steps so far, and from now on each step, go to the stream at once.
                    node.StopHolding();
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
            // Before the worker counts itself out (the stream completes once every worker has); also after a node whose
            // run threw (a bug, which ends the job).
            node?.StopHolding();
            cancellation?.Dispose();
            wait?.Dispose();
            Untrack(node);
            if (_waitingMode)
            {
                if (!countedOut)
                {
                    WorkerFailedWaiting();
                }
            }
            else if (Interlocked.Decrement(ref _workers) == 0)
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

    private int NextIndex(ref bool countedOut)
    {
        if (_waitingMode)
        {
            var queued = NextQueued();
            countedOut = queued < 0;
            return queued;
        }

        var index = Interlocked.Increment(ref _cursor);
        return index < _nodes.Length ? index : -1;
    }

    private void StartAnotherWorker(int index)
    {
        if (_waitingMode)
        {
            lock (_gate)
            {
                EnsureWorkerUnlocked();
            }

            return;
        }

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
        if (_deadlinePassed)
        {
            // Taken from the queue just before the deadline passed (docs/design.md §2 "Execution").
            Publish(index, new NodeUpdate(NodeUpdateKind.Finished, new NodeTaskResult(node.NodeName, NodeTaskPhases.Unknown, SchedulerReasons.DeadlinePassed, [], [])), ran: false);
            return false;
        }

        if (_stopped)
        {
            // The breaker tripped (docs/design.md §2 "Execution"): the node ends Failure without running.
            Publish(index, new NodeUpdate(NodeUpdateKind.Finished, NodeTaskResult.Failed(node.NodeName, SchedulerReasons.NotStarted(_breaker.Reason!))), ran: false);
            return false;
        }

        Interlocked.Increment(ref _dispatched);
        return true;
    }
}

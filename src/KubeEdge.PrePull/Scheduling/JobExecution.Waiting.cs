using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Scheduling;

// Waiting mode (docs/design.md §2 "Execution"), for a job with a deadline or completionPolicy Never: nodes that are not
// Ready wait (held), a Ready node is queued, workers take queued nodes, nodes join later, and the run ends at the
// deadline, or, without Never, once every node has finished. All of its state is under _gate; the static mode of a
// plain job (cursor, lock-free writes) is untouched.
internal sealed partial class JobExecution
{
    private readonly bool _waitingMode;

    /// <summary>Whether the run waits for nodes to be Ready (<see cref="JobSettings.WaitsForNodes"/>).</summary>
    public bool WaitingMode => _waitingMode;
    // The deadline as a timestamp of the clock; long.MaxValue when there is none.
    private long _deadlineTimestamp = long.MaxValue;
    private readonly Queue<int> _queue = new();
    private readonly HashSet<int> _held = [];
    private readonly HashSet<string> _notReady = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _indexByName = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _deadlinePassed;

    /// <summary>A node that waits for its node to be Ready.</summary>
    public static NodeTaskResult Waiting(string nodeName) =>
        new(nodeName, NodeTaskPhases.Pending, SchedulerReasons.WaitingForReady, [], []);

    /// <summary>Whether an entry is a waiting one (so a resumed run keeps it waiting).</summary>
    public static bool IsWaiting(NodeTaskResult node) =>
        node.Phase == NodeTaskPhases.Pending && node.Reason == SchedulerReasons.WaitingForReady;

    public bool SetNodeReady(string nodeName, bool ready)
    {
        RequireWaitingMode();
        lock (_gate)
        {
            if (!_indexByName.TryGetValue(nodeName, out var index))
            {
                return false;
            }

            if (!ready)
            {
                _notReady.Add(nodeName);
                return true;
            }

            _notReady.Remove(nodeName);
            if (_held.Remove(index) && !_deadlinePassed)
            {
                _nodes[index] = NodeTaskResult.Pending(nodeName);
                _queue.Enqueue(index);
                EnsureWorkerUnlocked();
            }

            return true;
        }
    }

    public int AddNodes(IEnumerable<string> nodeNames, bool ready)
    {
        RequireWaitingMode();
        List<NodeUpdate> added = [];
        lock (_gate)
        {
            if (_deadlinePassed)
            {
                return 0;
            }

            var fresh = new List<NodeTaskResult>();
            foreach (var name in nodeNames)
            {
                ArgumentException.ThrowIfNullOrEmpty(name, nameof(nodeNames));
                if (!_indexByName.TryAdd(name, _nodes.Length + fresh.Count))
                {
                    continue;
                }

                fresh.Add(ready ? NodeTaskResult.Pending(name) : Waiting(name));
            }

            if (fresh.Count == 0)
            {
                return 0;
            }

            var first = _nodes.Length;
            _nodes = [.. _nodes, .. fresh];
            for (var i = 0; i < fresh.Count; i++)
            {
                if (ready)
                {
                    _queue.Enqueue(first + i);
                }
                else
                {
                    _held.Add(first + i);
                    _notReady.Add(fresh[i].NodeName);
                }

                added.Add(new NodeUpdate(NodeUpdateKind.NotStarted, fresh[i]));
            }

            EnsureWorkerUnlocked();
        }

        // Only the stream: the entries are in _nodes already, and a worker may have moved them on meanwhile.
        foreach (var update in added)
        {
            _updates.Write(update);
        }

        return added.Count;
    }

    private void InitWaitingMode()
    {
        if (Settings.Deadline is { } deadline)
        {
            var remaining = deadline - Time.GetUtcNow();
            _deadlineTimestamp = Time.GetTimestamp() + (long)(Math.Max(0, remaining.TotalSeconds) * Time.TimestampFrequency);
        }

        for (var i = 0; i < _nodes.Length; i++)
        {
            var node = _nodes[i];
            _indexByName.TryAdd(node.NodeName, i);
            if (node.IsTerminal)
            {
                continue;
            }

            if (IsWaiting(node))
            {
                _held.Add(i);
                _notReady.Add(node.NodeName);
            }
            else
            {
                _queue.Enqueue(i);
            }
        }
    }

    private async Task<JobOutcome> RunWaitingAsync()
    {
        await Task.Yield();
        ITimer? deadlineTimer = null;
        var registration = _cancellationToken.UnsafeRegister(static s => ((JobExecution)s!).Settle(), this);
        try
        {
            if (Settings.Deadline is { } deadline)
            {
                var due = deadline - Time.GetUtcNow();
                deadlineTimer = Time.CreateTimer(static s => ((JobExecution)s!).OnDeadline(), this, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }

            lock (_gate)
            {
                EnsureWorkerUnlocked();
                SettleUnlocked();
            }

            await _settled.Task.ConfigureAwait(false);
            _workerError?.Throw();
            _cancellationToken.ThrowIfCancellationRequested();
            return Outcome();
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
            deadlineTimer?.Dispose();
            _updates.Complete();
        }
    }

    /// <summary>The deadline: queued nodes end <c>Unknown</c>, waiting ones <c>Failure</c>; nodes in flight end by their waits (capped at the deadline).</summary>
    private void OnDeadline()
    {
        List<NodeUpdate> ended = [];
        List<int> indexes = [];
        lock (_gate)
        {
            if (_deadlinePassed)
            {
                return;
            }

            _deadlinePassed = true;
            foreach (var index in _queue)
            {
                indexes.Add(index);
                ended.Add(new NodeUpdate(NodeUpdateKind.Finished, new NodeTaskResult(_nodes[index].NodeName, NodeTaskPhases.Unknown, SchedulerReasons.DeadlinePassed, [], [])));
            }

            foreach (var index in _held.Order())
            {
                indexes.Add(index);
                ended.Add(new NodeUpdate(NodeUpdateKind.Finished, NodeTaskResult.Failed(_nodes[index].NodeName, Selection.NodeSelectionReasons.NotReady)));
            }

            _queue.Clear();
            _held.Clear();
        }

        for (var i = 0; i < ended.Count; i++)
        {
            Publish(indexes[i], ended[i], ran: false);
        }

        Settle();
    }

    /// <summary>The waiting mode's Publish: everything under the lock, since the node array can grow.</summary>
    private void PublishWaiting(int index, NodeUpdate update, bool ran)
    {
        lock (_gate)
        {
            if (update.Kind == NodeUpdateKind.Finished && ran && update.Node.Phase == NodeTaskPhases.Unknown
                && _notReady.Contains(update.Node.NodeName) && Time.GetTimestamp() < _deadlineTimestamp && !_deadlinePassed)
            {
                // Timed out because its node went offline: it waits for the node again instead of failing.
                update = new NodeUpdate(NodeUpdateKind.NotStarted, Waiting(update.Node.NodeName));
                _held.Add(index);
            }
            else if (update.Kind == NodeUpdateKind.Finished)
            {
                if (update.Node.IsFailed)
                {
                    _failed++;
                }

                if (ran && _breaker.Observe(update.Node))
                {
                    _stopped = true;
                }
            }

            _nodes[index] = update.Node;
        }

        _updates.Write(update);
    }

    /// <summary>The next queued node for a worker, or -1: then the worker has already been counted out.</summary>
    private int NextQueued()
    {
        lock (_gate)
        {
            if (_queue.Count > 0 && !_deadlinePassed && !_cancellationToken.IsCancellationRequested)
            {
                return _queue.Dequeue();
            }

            _workers--;
            SettleUnlocked();
            return -1;
        }
    }

    private void WorkerFailedWaiting()
    {
        lock (_gate)
        {
            _workers--;
            SettleUnlocked();
        }
    }

    // Under _gate. One more worker while there are fewer than concurrency and a node is queued; a worker whose node
    // goes asynchronous calls it again (StartAnotherWorker), as the static mode ramps up.
    private void EnsureWorkerUnlocked()
    {
        if (_workers < Settings.Concurrency && _queue.Count > 0 && !_deadlinePassed)
        {
            _workers++;
            _ = Task.Run(WorkAsync, CancellationToken.None);
        }
    }

    private void Settle()
    {
        lock (_gate)
        {
            SettleUnlocked();
        }
    }

    // Under _gate: the run is over once no worker runs and there is nothing left to do, or it was cancelled.
    private void SettleUnlocked()
    {
        if (_workers > 0)
        {
            return;
        }

        if (_workerError is not null || _cancellationToken.IsCancellationRequested
            || (_queue.Count == 0 && (_deadlinePassed || (!Settings.KeepsRunning && _held.Count == 0))))
        {
            _settled.TrySetResult();
        }
    }

    private void RequireWaitingMode()
    {
        if (!_waitingMode)
        {
            throw new InvalidOperationException("Only a job with a deadline or completionPolicy Never adds nodes or waits for them (JobSettings.WaitsForNodes).");
        }
    }
}

using System.Threading.Channels;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// The run's progress stream (<see cref="JobRun.Updates"/>): unbounded, any number of writers, one reader. Writers
/// hand over single updates or a batch under one lock (a worker hands over the updates of the nodes its backend
/// answered synchronously together; see <see cref="NodeExecution.Send"/>); the reader takes everything written so far
/// in one swap and then reads without a lock. Against an unbounded <see cref="Channel"/>, which takes a lock per
/// write, this halves what a streamed update costs (docs/design.md §4 item 2).
/// </summary>
/// <remarks>
/// One reader at a time, as <see cref="JobRun.Updates"/> says (the channel it replaced was made with
/// <c>SingleReader</c>). <see cref="WaitToReadAsync"/> allocates only when the reader has caught up and waits.
/// </remarks>
internal sealed class UpdateStream : ChannelReader<NodeUpdate>
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Written under _gate; swapped with _reading by the reader once that is read through.
    private List<NodeUpdate> _incoming = [];
    // The reader's own: no lock to read it.
    private List<NodeUpdate> _reading = [];
    private int _readIndex;
    private TaskCompletionSource<bool>? _waiter;
    private bool _completed;

    public override Task Completion => _completion.Task;

    /// <summary>Adds one update.</summary>
    public void Write(NodeUpdate update) => Append(update, null);

    /// <summary>Adds <paramref name="updates"/>, in order, under one lock.</summary>
    public void Write(List<NodeUpdate> updates) => Append(default, updates);

    /// <summary>No more updates: the reader reads what is left, then <see cref="Completion"/> completes.</summary>
    public void Complete()
    {
        TaskCompletionSource<bool>? waiter;
        bool drained;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            waiter = TakeWaiter();
            drained = _incoming.Count == 0 && _readIndex >= _reading.Count;
        }

        // A waiting reader had read everything: nothing more will come.
        waiter?.TrySetResult(false);
        if (drained)
        {
            _completion.TrySetResult();
        }
    }

    public override bool TryRead(out NodeUpdate item)
    {
        if (_readIndex < _reading.Count)
        {
            item = _reading[_readIndex++];
            return true;
        }

        var read = _reading;
        // Read through: it becomes the writers' list at the swap below, empty.
        read.Clear();
        _readIndex = 0;
        bool completed;
        lock (_gate)
        {
            if (_incoming.Count > 0)
            {
                _reading = _incoming;
                _incoming = read;
                item = _reading[_readIndex++];
                return true;
            }

            completed = _completed;
        }

        if (completed)
        {
            _completion.TrySetResult();
        }

        item = default;
        return false;
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        if (_readIndex < _reading.Count)
        {
            return new ValueTask<bool>(true);
        }

        TaskCompletionSource<bool> waiter;
        lock (_gate)
        {
            if (_incoming.Count > 0)
            {
                return new ValueTask<bool>(true);
            }

            if (_completed)
            {
                return new ValueTask<bool>(false);
            }

            waiter = _waiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return new ValueTask<bool>(cancellationToken.CanBeCanceled ? waiter.Task.WaitAsync(cancellationToken) : waiter.Task);
    }

    // One update, or the batch when there is one; after the end nothing is added.
    private void Append(NodeUpdate update, List<NodeUpdate>? updates)
    {
        TaskCompletionSource<bool>? waiter;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            if (updates is null)
            {
                _incoming.Add(update);
            }
            else
            {
                _incoming.AddRange(updates);
            }

            waiter = TakeWaiter();
        }

        waiter?.TrySetResult(true);
    }

    // Under _gate: the waiting reader, to be woken outside the lock.
    private TaskCompletionSource<bool>? TakeWaiter()
    {
        var waiter = _waiter;
        _waiter = null;
        return waiter;
    }
}

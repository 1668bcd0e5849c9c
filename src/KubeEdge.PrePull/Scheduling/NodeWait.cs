using System.Threading.Tasks.Sources;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// A worker's wait for its node in flight: ends when the node's work finishes, its deadline passes or the job is
/// cancelled, whichever comes first. One per worker, reused from node to node, so a node that waits costs no task,
/// no timer and no token registration: the timer is created once, the job token registered once. The timer is not
/// even re-armed per node: a worker's deadlines only grow (one timeout per job, counted from each dispatch), so a
/// timer still armed for an earlier deadline fires early at worst, sees the wait now in progress is not due and
/// aims itself at that wait's deadline.
/// Every wait has a generation; a signal meant for an earlier one (a late timer, a late puller) is dropped.
/// </summary>
internal sealed class NodeWait : IValueTaskSource<NodeWaitEnd>, IDisposable
{
    private const long NotArmed = long.MaxValue;

    private readonly TimeProvider _time;
    private readonly CancellationToken _jobCancellation;
    private readonly CancellationTokenRegistration _registration;
    private ManualResetValueTaskSourceCore<NodeWaitEnd> _core;
    private ITimer? _timer;
    // The generation now waiting, 0 when none; whoever swaps it to 0 ends the wait.
    private int _waiting;
    private int _generation;
    private long _deadline;
    // When the timer is armed to fire (a timestamp), NotArmed once it has fired; see OnTimer.
    private long _armedUntil = NotArmed;

    public NodeWait(TimeProvider time, CancellationToken jobCancellation)
    {
        _time = time;
        _jobCancellation = jobCancellation;
        _registration = jobCancellation.UnsafeRegister(static s => ((NodeWait)s!).OnJobCancelled(), this);
    }

    /// <summary>Starts a wait that ends at <paramref name="deadline"/> (a timestamp of the clock) at the latest.</summary>
    /// <returns>The generation to pass to <see cref="TryEnd"/>.</returns>
    public int Begin(long deadline)
    {
        _core.Reset();
        var generation = ++_generation == 0 ? ++_generation : _generation;
        _deadline = deadline;
        // Created unarmed by the worker, so it exists before anything can fire.
        _timer ??= _time.CreateTimer(static s => ((NodeWait)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Volatile.Write(ref _waiting, generation);
        if (Volatile.Read(ref _armedUntil) > deadline)
        {
            // Not armed, or (never, as deadlines grow) armed too late: aim it at this deadline.
            Arm(deadline);
        }

        if (_jobCancellation.IsCancellationRequested)
        {
            TryEnd(generation, NodeWaitEnd.Cancelled);
        }

        return generation;
    }

    public ValueTask<NodeWaitEnd> WaitAsync() => new(this, _core.Version);

    /// <summary>Ends the wait of this generation; <see langword="false"/> when it has already ended.</summary>
    public bool TryEnd(int generation, NodeWaitEnd end)
    {
        if (Interlocked.CompareExchange(ref _waiting, 0, generation) != generation)
        {
            return false;
        }

        // The work's own completion continues the worker on its thread; a timer or a Cancel call must not run it.
        _core.RunContinuationsAsynchronously = end != NodeWaitEnd.WorkDone;
        _core.SetResult(end);
        return true;
    }

    public void Dispose()
    {
        _registration.Dispose();
        _timer?.Dispose();
    }

    NodeWaitEnd IValueTaskSource<NodeWaitEnd>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<NodeWaitEnd>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<NodeWaitEnd>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void Arm(long deadline)
    {
        Volatile.Write(ref _armedUntil, deadline);
        try
        {
            _timer!.Change(Remaining(deadline), Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Only from a late fire after the worker has finished; nothing waits any more.
        }
    }

    private TimeSpan Remaining(long deadline)
    {
        var remaining = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    private void OnJobCancelled()
    {
        var generation = Volatile.Read(ref _waiting);
        if (generation != 0)
        {
            TryEnd(generation, NodeWaitEnd.Cancelled);
        }
    }

    private void OnTimer()
    {
        // First: from here on a Begin that finds the timer unarmed arms it, and this fire re-aims it for a wait that
        // began before.
        Volatile.Write(ref _armedUntil, NotArmed);
        var generation = Volatile.Read(ref _waiting);
        if (generation == 0)
        {
            return;
        }

        // Armed for an earlier node's deadline, or a coarse timer firing a little early: the wait now in progress is
        // not due yet, so aim the timer at its deadline. Deadlines only grow within a worker, so an aim read from an
        // earlier wait is at worst early and corrects itself the same way.
        var deadline = Volatile.Read(ref _deadline);
        if (_time.GetTimestamp() < deadline)
        {
            Arm(deadline);
            return;
        }

        TryEnd(generation, NodeWaitEnd.TimedOut);
    }
}

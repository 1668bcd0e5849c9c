namespace KubeEdge.PrePull.Runtime.LeaderElection;

/// <summary>
/// Whether the work of one leadership term may still touch shared state (pods, secret copies, status, events,
/// finalizers); checked right before each write (docs/design.md §3, Fencing). A term stops being held when the
/// elector loses the Lease, and also by the clock alone: once the renew deadline has passed since the start of the
/// last successful renewal, another replica may take the Lease at any moment, so a leader that was frozen (SIGSTOP, a
/// long GC pause) finds itself fenced on resume before its elector has run at all. Once lost, never held again: a new
/// term gets a new fence.
/// </summary>
internal sealed class LeadershipFence
{
    private readonly TimeProvider? _time;
    private readonly TimeSpan _renewDeadline;
    private long _renewedAt;
    private volatile bool _lost;

    /// <param name="time">The clock; <see langword="null"/> for a fence that is always held.</param>
    /// <param name="renewDeadline">How long after a renewal started the term may still write.</param>
    /// <param name="acquiredAt">When the attempt that took the Lease started.</param>
    public LeadershipFence(TimeProvider? time, TimeSpan renewDeadline, DateTimeOffset acquiredAt)
    {
        _time = time;
        _renewDeadline = renewDeadline;
        _renewedAt = acquiredAt.UtcTicks;
    }

    /// <summary>The fence of a controller without leader election: always held.</summary>
    public static LeadershipFence Unelected { get; } = new(null, TimeSpan.Zero, default);

    /// <summary>Whether the term may write now.</summary>
    public bool IsHeld
    {
        get
        {
            if (_time is null)
            {
                return true;
            }

            if (_lost)
            {
                return false;
            }

            var renewed = new DateTimeOffset(Interlocked.Read(ref _renewedAt), TimeSpan.Zero);
            if (_time.GetUtcNow() - renewed < _renewDeadline)
            {
                return true;
            }

            _lost = true;
            return false;
        }
    }

    /// <summary>A renewal that started at <paramref name="attemptStart"/> succeeded.</summary>
    public void Renewed(DateTimeOffset attemptStart)
    {
        var ticks = attemptStart.UtcTicks;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _renewedAt);
            if (ticks <= seen)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _renewedAt, ticks, seen) != seen);
    }

    /// <summary>The Lease is lost or released: nothing of this term writes any more.</summary>
    public void Lose() => _lost = true;
}

using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// The slots of one registry in a <see cref="RegistryBudget"/>: pulls in flight against its limit, images waiting in
/// arrival order, and the back-off after a 429 (docs/design.md §2 "Registry budget"). A slot is held only around
/// one pull attempt, never during a retry delay, a check or another image of the node.
/// </summary>
internal sealed class RegistrySlots
{
    private readonly RegistryBudget _budget;
    private readonly Lock _gate = new();
    private readonly LinkedList<RegistryWaiter> _waiters = new();
    private int _inFlight;
    private DateTimeOffset _backedOffUntil;
    private int _rateLimitedInARow;
    private ITimer? _timer;

    public RegistrySlots(RegistryBudget budget, string name, int limit)
    {
        _budget = budget;
        Name = name;
        Limit = limit;
    }

    public string Name { get; }

    public int Limit { get; }

    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    public int WaitingCount
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    public DateTimeOffset? BackedOffUntil
    {
        get
        {
            lock (_gate)
            {
                return IsBackedOff(_budget.Time.GetUtcNow()) ? _backedOffUntil : null;
            }
        }
    }

    /// <summary>Whether a pull could take a slot right now (nobody waits, no back-off, a slot free).</summary>
    public bool HasFreeSlot
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count == 0 && CanStart(_budget.Time.GetUtcNow());
            }
        }
    }

    /// <summary>Takes a slot for one pull attempt of <paramref name="image"/>, waiting (and showing why on <paramref name="node"/>) while there is none.</summary>
    public ValueTask EnterAsync(NodeExecution node, ImagePlan image, CancellationToken cancellationToken)
    {
        RegistryWaiter waiter;
        lock (_gate)
        {
            var now = _budget.Time.GetUtcNow();
            // First come, first served: nobody overtakes an image already waiting.
            if (_waiters.Count == 0 && CanStart(now))
            {
                _inFlight++;
                return ValueTask.CompletedTask;
            }

            cancellationToken.ThrowIfCancellationRequested();
            waiter = new RegistryWaiter(node, image);
            waiter.Entry = _waiters.AddLast(waiter);
            StartWait(waiter, IsBackedOff(now) ? RegistryWaitCause.RateLimit : RegistryWaitCause.Slot, now);
        }

        return WaitAsync(waiter, cancellationToken);
    }

    /// <summary>Gives back the slot of a finished attempt; the next waiting image gets it unless the registry is backed off.</summary>
    public void Exit()
    {
        lock (_gate)
        {
            _inFlight--;
            Grant(_budget.Time.GetUtcNow());
        }
    }

    /// <summary>The registry answered 429: no new pull until <paramref name="retryAfter"/> (when positive) or the backoff has passed.</summary>
    public void RateLimited(TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            var now = _budget.Time.GetUtcNow();
            // Answers to pulls that were in flight together count once, so a burst does not multiply the backoff.
            if (!IsBackedOff(now))
            {
                _rateLimitedInARow++;
            }

            var delay = retryAfter is { } given && given > TimeSpan.Zero
                ? (given < RegistryBudget.MaxRetryAfter ? given : RegistryBudget.MaxRetryAfter)
                : _budget.Backoff.Delay(_rateLimitedInARow, _budget.Random());
            if (now + delay > _backedOffUntil)
            {
                _backedOffUntil = now + delay;
            }

            _budget.Listener?.BackedOff(Name, delay, _backedOffUntil);
            foreach (var waiter in _waiters)
            {
                ChangeCause(waiter, RegistryWaitCause.RateLimit, now, force: true);
            }

            ArmTimer(now);
        }
    }

    /// <summary>A pull from the registry succeeded: the next 429 starts from the first backoff step again.</summary>
    public void Succeeded()
    {
        lock (_gate)
        {
            _rateLimitedInARow = 0;
        }
    }

    private async ValueTask WaitAsync(RegistryWaiter waiter, CancellationToken cancellationToken)
    {
        using (cancellationToken.UnsafeRegister(static (state, token) => ((RegistrySlots)((object[])state!)[0]).Cancel((RegistryWaiter)((object[])state!)[1], token), new object[] { this, waiter }))
        {
            await waiter.Task.ConfigureAwait(false);
        }

        // Only once it has its slot: a node cancelled or timed out while waiting keeps saying what it waited for.
        waiter.Node.SetWaiting(waiter.Image, null);
    }

    private void Cancel(RegistryWaiter waiter, CancellationToken token)
    {
        lock (_gate)
        {
            if (waiter.Granted || waiter.Entry is null)
            {
                return;
            }

            _waiters.Remove(waiter.Entry);
            waiter.Entry = null;
            _budget.Listener?.WaitEnded(Name, waiter.Cause, _budget.Time.GetUtcNow() - waiter.Since);
        }

        waiter.TrySetCanceled(token);
    }

    // Called under _gate: hands free slots to the waiting images in order.
    private void Grant(DateTimeOffset now)
    {
        if (IsBackedOff(now))
        {
            ArmTimer(now);
            return;
        }

        while (_waiters.First is { } first && CanStart(now))
        {
            var waiter = first.Value;
            _waiters.RemoveFirst();
            waiter.Entry = null;
            waiter.Granted = true;
            _inFlight++;
            _budget.Listener?.WaitEnded(Name, waiter.Cause, now - waiter.Since);
            waiter.TrySetResult();
        }

        // The back-off is over: who still waits, waits for a slot.
        foreach (var waiter in _waiters)
        {
            ChangeCause(waiter, RegistryWaitCause.Slot, now, force: false);
        }
    }

    // Called under _gate.
    private void StartWait(RegistryWaiter waiter, RegistryWaitCause cause, DateTimeOffset now)
    {
        waiter.Cause = cause;
        waiter.Since = now;
        _budget.Listener?.WaitStarted(Name, cause);
        waiter.Node.SetWaiting(waiter.Image, Reason(cause));
        if (cause == RegistryWaitCause.RateLimit)
        {
            ArmTimer(now);
        }
    }

    // Called under _gate. force: the reason changes even for the same cause (a longer back-off).
    private void ChangeCause(RegistryWaiter waiter, RegistryWaitCause cause, DateTimeOffset now, bool force)
    {
        if (waiter.Cause == cause)
        {
            if (force)
            {
                waiter.Node.SetWaiting(waiter.Image, Reason(cause));
            }

            return;
        }

        _budget.Listener?.WaitEnded(Name, waiter.Cause, now - waiter.Since);
        StartWait(waiter, cause, now);
    }

    private string Reason(RegistryWaitCause cause) => cause == RegistryWaitCause.RateLimit
        ? RegistryReasons.WaitingForBackoff(Name, _backedOffUntil)
        : RegistryReasons.WaitingForSlot(Name, Limit);

    private bool IsBackedOff(DateTimeOffset now) => now < _backedOffUntil;

    private bool CanStart(DateTimeOffset now) => !IsBackedOff(now) && (Limit == RegistryBudget.Unlimited || _inFlight < Limit);

    // Called under _gate: wakes the waiting images when the back-off ends.
    private void ArmTimer(DateTimeOffset now)
    {
        if (!IsBackedOff(now))
        {
            return;
        }

        _timer ??= _budget.Time.CreateTimer(static state => ((RegistrySlots)state!).OnBackoffEnded(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(_backedOffUntil - now, Timeout.InfiniteTimeSpan);
    }

    private void OnBackoffEnded()
    {
        lock (_gate)
        {
            Grant(_budget.Time.GetUtcNow());
        }
    }
}

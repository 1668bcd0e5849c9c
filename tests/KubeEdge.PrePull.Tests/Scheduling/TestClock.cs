using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Tests.Scheduling;

/// <summary>
/// A FakeTimeProvider that also tells the test which timers the code under test created (Task.Delay, WaitAsync),
/// so a test advances the clock only once the timer it means to fire exists. A timer re-armed with Change counts as
/// a new one with the new due time: the scheduler reuses one timer per worker for node after node.
/// </summary>
internal sealed class TestClock : TimeProvider, IDisposable
{
    // Guards against a hung test; never part of what a test measures.
    private static readonly TimeSpan Patience = Eventually.Timeout;

    private readonly ConcurrentQueue<TimeSpan> _created = new();
    private readonly SemaphoreSlim _signal = new(0);

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Due times of every timer created or re-armed so far, in that order.</summary>
    public IReadOnlyList<TimeSpan> CreatedTimers => [.. _created];

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        Record(dueTime);
        return new RecordingTimer(timer, this);
    }

    public void Dispose() => _signal.Dispose();

    public void Advance(TimeSpan delta) => Fake.Advance(delta);

    private void Record(TimeSpan dueTime)
    {
        _created.Enqueue(dueTime);
        _signal.Release();
    }

    /// <summary>Waits until <paramref name="count"/> timers with this due time exist in total.</summary>
    public async Task WaitForTimersAsync(TimeSpan dueTime, int count = 1)
    {
        using var guard = new CancellationTokenSource(Patience);
        while (_created.Count(t => t == dueTime) < count)
        {
            await _signal.WaitAsync(guard.Token);
        }
    }

    private sealed class RecordingTimer(ITimer inner, TestClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            if (changed && dueTime != Timeout.InfiniteTimeSpan)
            {
                // Recorded once armed, so a test that saw it may advance the clock and expect it to fire.
                clock.Record(dueTime);
            }

            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

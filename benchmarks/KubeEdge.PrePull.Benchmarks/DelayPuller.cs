using System.Diagnostics;
using System.Runtime.InteropServices;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Benchmarks;

/// <summary>
/// A backend whose every pull takes a fixed time from the call, standing in for a fleet of real nodes.
/// <para>
/// <c>Task.Delay</c> is not used: its timer has millisecond granularity and fires late (a 20 ms delay took ~21.4 ms
/// on Linux), which made every loop look 7 % slower than the ideal before any scheduling happened. Instead, each
/// pull is due at call time + pull time on the <see cref="Stopwatch"/> clock, and one dedicated thread sleeps until
/// the earliest due time (an absolute <c>clock_nanosleep</c> on Linux, so no drift and no spinning) and then
/// completes every pull that is due. Continuations run on the thread pool, as they would after real I/O.
/// </para>
/// </summary>
internal sealed class DelayPuller : IImagePuller, IDisposable
{
    private static readonly PullResult Pulled = PullResult.Success("sha256:0123456789abcdef");

    private readonly long _pullTicks;
    // Every pull takes the same time, so due times grow in call order: a FIFO queue is already sorted.
    private readonly Queue<DuePull> _due = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread _clock;
    private volatile bool _disposed;

    public DelayPuller(TimeSpan pullTime)
    {
        _pullTicks = (long)(pullTime.TotalSeconds * Stopwatch.Frequency);
        _clock = new Thread(CompleteDuePulls) { IsBackground = true, Name = "DelayPuller clock" };
        _clock.Start();
    }

    public string Name => "delay";

    public IReadOnlyCollection<string> SupportedCheckItems { get; } = CheckItems.All;

    public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(CheckResult.Passed);

    public ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        var pull = new DuePull();
        if (cancellationToken.CanBeCanceled)
        {
            // Registered before the pull is queued, so the clock thread only ever disposes a complete registration.
            pull.Registration = cancellationToken.UnsafeRegister(static (p, ct) => ((DuePull)p!).TrySetCanceled(ct), pull);
        }

        bool first;
        lock (_gate)
        {
            // The time is read under the lock, so the queue stays in due order.
            pull.Due = Stopwatch.GetTimestamp() + _pullTicks;
            first = _due.Count == 0;
            _due.Enqueue(pull);
        }

        if (first)
        {
            // The clock thread waits for work only when the queue is empty; a later pull is never due earlier.
            _wake.Release();
        }

        return new ValueTask<PullResult>(pull.Task);
    }

    public void Dispose()
    {
        _disposed = true;
        _wake.Release();
        _clock.Join();
        _wake.Dispose();
    }

    private void CompleteDuePulls()
    {
        var ready = new List<DuePull>();
        while (!_disposed)
        {
            long next = 0;
            lock (_gate)
            {
                var now = Stopwatch.GetTimestamp();
                while (_due.TryPeek(out var head) && head.Due <= now)
                {
                    ready.Add(_due.Dequeue());
                }

                if (_due.TryPeek(out var pending))
                {
                    next = pending.Due;
                }
            }

            foreach (var pull in ready)
            {
                pull.Registration.Dispose();
                pull.TrySetResult(Pulled);
            }

            ready.Clear();
            if (next == 0)
            {
                _wake.Wait();
            }
            else
            {
                SleepUntil(next);
            }
        }
    }

    private static void SleepUntil(long timestamp)
    {
        if (OperatingSystem.IsLinux() && Stopwatch.Frequency == 1_000_000_000)
        {
            // Stopwatch reads CLOCK_MONOTONIC in nanoseconds on Linux: sleep until that absolute instant.
            var until = new Timespec { Seconds = timestamp / 1_000_000_000, Nanoseconds = timestamp % 1_000_000_000 };
            while (ClockNanosleep(ClockMonotonic, TimerAbsoluteTime, in until, IntPtr.Zero) == Interrupted)
            {
            }

            return;
        }

        // Elsewhere, whole milliseconds rounded up: late by under 1 ms plus the OS's timer slack.
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (remaining > TimeSpan.Zero)
        {
            Thread.Sleep((int)Math.Ceiling(remaining.TotalMilliseconds));
        }
    }

    private const int ClockMonotonic = 1;
    private const int TimerAbsoluteTime = 1;
    private const int Interrupted = 4; // EINTR: clock_nanosleep returns the error number itself.

    [DllImport("libc", EntryPoint = "clock_nanosleep")]
    private static extern int ClockNanosleep(int clock, int flags, in Timespec request, IntPtr remain);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private sealed class DuePull() : TaskCompletionSource<PullResult>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public long Due { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}

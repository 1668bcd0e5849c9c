using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// A controller process's clock: a <see cref="FakeTimeProvider"/> that a pump keeps close to real time, so the
/// process runs as usual, until <see cref="Pause"/> stops it (the process is frozen: none of its timers fire);
/// <see cref="ResumeAfter"/> moves it on by the frozen time at once, as a resumed process finds its clock.
/// </summary>
internal sealed class PumpedClock : IAsyncDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private volatile bool _paused;

    public PumpedClock()
    {
        _pump = Task.Run(PumpAsync);
    }

    public FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    public void Pause() => _paused = true;

    public void ResumeAfter(TimeSpan frozen)
    {
        Time.Advance(frozen);
        _paused = false;
    }

    private async Task PumpAsync()
    {
        using var timer = new PeriodicTimer(Step);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (!_paused)
                {
                    Time.Advance(Step);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        _stop.Dispose();
    }
}

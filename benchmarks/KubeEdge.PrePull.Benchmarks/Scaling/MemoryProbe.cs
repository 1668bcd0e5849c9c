using System.Diagnostics;

namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>
/// Measures one point: a full collection sets the baseline, a background loop samples the managed heap every
/// 10 ms (the GC gives no "peak" on its own), and <see cref="StopAsync"/> reads the rest.
/// </summary>
internal sealed class MemoryProbe
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(10);

    private readonly long _baseline;
    private readonly long _allocatedBefore;
    private readonly int _gen2Before;
    private readonly bool _peakWorkingSetReset;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peak;

    private MemoryProbe()
    {
        _baseline = GC.GetTotalMemory(forceFullCollection: true);
        _peakWorkingSetReset = TryResetPeakWorkingSet();
        _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        _gen2Before = GC.CollectionCount(2);
        _peak = _baseline;
        _sampler = Task.Run(SampleAsync);
    }

    /// <summary>Starts on a fresh thread-pool stack, then takes the baseline.</summary>
    /// <remarks>
    /// Without the yield, the previous point's async method can still be on this thread's stack (its completion ran
    /// the caller's continuation inline), so its hoisted locals are alive at the baseline and freed during this point.
    /// </remarks>
    public static async Task<MemoryProbe> StartAsync()
    {
        await Task.Yield();
        await Task.Delay(TimeSpan.FromMilliseconds(20));
        return new MemoryProbe();
    }

    /// <summary>Stops sampling and reads the point. Keep the results reachable until this returns.</summary>
    public async Task<MemoryReading> StopAsync()
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore;
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
        var retained = GC.GetTotalMemory(forceFullCollection: true) - _baseline;
        using var process = Process.GetCurrentProcess();
        return new MemoryReading(
            Math.Max(_peak, GC.GetTotalMemory(false)) - _baseline,
            retained,
            allocated,
            process.PeakWorkingSet64,
            GC.CollectionCount(2) - _gen2Before,
            _peakWorkingSetReset);
    }

    /// <summary>
    /// Linux resets a process's peak resident set (<c>VmHWM</c>, which <c>Process.PeakWorkingSet64</c> reads) when
    /// "5" is written to its <c>/proc/PID/clear_refs</c>; elsewhere, or where that is not allowed, the peak stays
    /// process-wide.
    /// </summary>
    private static bool TryResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(SampleEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                _peak = Math.Max(_peak, GC.GetTotalMemory(forceFullCollection: false));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}

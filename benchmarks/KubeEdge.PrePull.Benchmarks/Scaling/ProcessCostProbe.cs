using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>
/// What this process spent over a window: CPU (<c>Process.TotalProcessorTime</c>, every thread), bytes allocated,
/// time the GC paused the process (<c>GC.GetTotalPauseDuration()</c>) and, when asked, first-chance exceptions by
/// type. With the API server in another process (<see cref="FleetServerProcess"/>), it is the controller's cost.
/// </summary>
internal sealed class ProcessCostProbe
{
    private readonly TimeSpan _cpuBefore;
    private readonly long _allocatedBefore;
    private readonly TimeSpan _pauseBefore;
    private readonly ConcurrentDictionary<string, int>? _exceptions;

    private ProcessCostProbe(bool countExceptions)
    {
        if (countExceptions)
        {
            _exceptions = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            AppDomain.CurrentDomain.FirstChanceException += OnException;
        }

        _pauseBefore = GC.GetTotalPauseDuration();
        _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        _cpuBefore = Cpu();
    }

    public static ProcessCostProbe Start(bool countExceptions) => new(countExceptions);

    public ProcessCost Stop()
    {
        var cpu = Cpu() - _cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore;
        var pause = GC.GetTotalPauseDuration() - _pauseBefore;
        if (_exceptions is not null)
        {
            AppDomain.CurrentDomain.FirstChanceException -= OnException;
        }

        return new ProcessCost(cpu, allocated, pause, new Dictionary<string, int>(_exceptions ?? [], StringComparer.Ordinal));
    }

    private static TimeSpan Cpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private void OnException(object? sender, FirstChanceExceptionEventArgs e) =>
        _exceptions!.AddOrUpdate(e.Exception.GetType().Name, 1, static (_, n) => n + 1);
}

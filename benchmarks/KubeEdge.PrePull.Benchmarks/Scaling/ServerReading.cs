using System.Globalization;

namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>The API server process's side of an end-to-end point, as its <c>COST</c> line reports it.</summary>
/// <param name="PeakWorkingSetBytes"><c>Process.PeakWorkingSet64</c> of the server process over its life (fleet set-up included).</param>
/// <param name="Cpu">Its CPU time over the job.</param>
/// <param name="AllocatedBytes">Its allocation over the job.</param>
/// <param name="GcPause">Its GC pauses over the job.</param>
internal sealed record ServerReading(long PeakWorkingSetBytes, TimeSpan Cpu, long AllocatedBytes, TimeSpan GcPause)
{
    /// <summary>Four invariant numbers: peak working set bytes, CPU ms, allocated bytes, GC pause ms.</summary>
    public string Format() => string.Create(
        CultureInfo.InvariantCulture,
        $"{PeakWorkingSetBytes} {Cpu.TotalMilliseconds:F0} {AllocatedBytes} {GcPause.TotalMilliseconds:F0}");

    public static ServerReading Parse(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 4
            ? new ServerReading(
                long.Parse(parts[0], CultureInfo.InvariantCulture),
                TimeSpan.FromMilliseconds(double.Parse(parts[1], CultureInfo.InvariantCulture)),
                long.Parse(parts[2], CultureInfo.InvariantCulture),
                TimeSpan.FromMilliseconds(double.Parse(parts[3], CultureInfo.InvariantCulture)))
            : throw new FormatException($"serve-fleet: expected 4 numbers in its COST line, got '{text}'");
    }
}

namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>What <see cref="MemoryProbe"/> saw over one point.</summary>
/// <param name="PeakManagedBytes">Highest <c>GC.GetTotalMemory(false)</c> sampled during the point, minus the baseline.</param>
/// <param name="RetainedAfterGcBytes"><c>GC.GetTotalMemory(true)</c> at the end with the results still reachable, minus the baseline.</param>
/// <param name="AllocatedBytes"><c>GC.GetTotalAllocatedBytes(true)</c> delta (every thread, including the API server's).</param>
/// <param name="PeakWorkingSetBytes"><c>Process.PeakWorkingSet64</c> after the point: since the point started when <paramref name="PeakWorkingSetSinceStart"/>, else over the process's life.</param>
/// <param name="Gen2Collections">Full collections during the point.</param>
/// <param name="PeakWorkingSetSinceStart">Whether the peak working set was reset at the point's start (Linux <c>/proc/self/clear_refs</c>).</param>
internal sealed record MemoryReading(
    long PeakManagedBytes,
    long RetainedAfterGcBytes,
    long AllocatedBytes,
    long PeakWorkingSetBytes,
    int Gen2Collections,
    bool PeakWorkingSetSinceStart);

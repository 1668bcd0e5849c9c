namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>What <see cref="ProcessCostProbe"/> measured over one window of one process.</summary>
/// <param name="Cpu">Process CPU time, every thread.</param>
/// <param name="AllocatedBytes"><c>GC.GetTotalAllocatedBytes(true)</c> delta.</param>
/// <param name="GcPause"><c>GC.GetTotalPauseDuration()</c> delta: time the GC suspended the process.</param>
/// <param name="Exceptions">First-chance exceptions by type name (empty when not counted).</param>
internal sealed record ProcessCost(TimeSpan Cpu, long AllocatedBytes, TimeSpan GcPause, IReadOnlyDictionary<string, int> Exceptions)
{
    public int ExceptionCount => Exceptions.Values.Sum();
}

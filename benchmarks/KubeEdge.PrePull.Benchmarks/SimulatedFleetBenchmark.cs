using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace KubeEdge.PrePull.Benchmarks;

/// <summary>
/// docs/design.md §4 item 3: 10,000 nodes, 20 ms per pull, concurrency 500. The ideal wall time is
/// ceil(N/C) x 20 ms = 400 ms; the <c>Ideal ratio</c> column is mean / ideal (target &lt;= 1.05).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(IdealRatioConfig))]
public class SimulatedFleetBenchmark
{
    public const int Nodes = 10_000;
    public const int Concurrency = 500;
    public static readonly TimeSpan PullTime = TimeSpan.FromMilliseconds(20);

    private BenchmarkJob _job = null!;

    public static double IdealNanoseconds => Math.Ceiling(Nodes / (double)Concurrency) * PullTime.TotalMilliseconds * 1e6;

    private DelayPuller _puller = null!;

    [GlobalSetup]
    public void Setup()
    {
        _puller = new DelayPuller(PullTime);
        _job = new BenchmarkJob(_puller, Nodes, Concurrency);
    }

    [GlobalCleanup]
    public void Cleanup() => _puller.Dispose();

    [Benchmark(Baseline = true)]
    public Task<int> ParallelForEachAsync() => _job.RunParallelForEachAsync();

    [Benchmark]
    public Task<int> SemaphoreSlimWhenAll() => _job.RunSemaphoreAsync();

    [Benchmark]
    public Task<int> JobScheduler() => _job.RunSchedulerAsync();

    /// <summary>The same job, streaming only each node's dispatch and end (<c>StreamSteps = false</c>).</summary>
    [Benchmark]
    public Task<int> JobSchedulerNodeUpdates() => _job.RunSchedulerNodeUpdatesAsync();

    private sealed class IdealRatioConfig : ManualConfig
    {
        public IdealRatioConfig() => AddColumn(new IdealRatioColumn());
    }

    private sealed class IdealRatioColumn : IColumn
    {
        public string Id => nameof(IdealRatioColumn);

        public string ColumnName => "Ideal ratio";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Mean wall time / (ceil(N/C) x pull time)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is { } m ? (m / IdealNanoseconds).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "?";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}

using BenchmarkDotNet.Attributes;

namespace KubeEdge.PrePull.Benchmarks;

/// <summary>docs/design.md §4 item 2: 100,000 nodes x 1 image, zero-latency puller, concurrency 1,000; target &lt;= 0.5 s.</summary>
[MemoryDiagnoser]
public class SchedulerBenchmark
{
    private BenchmarkJob _job = null!;

    [GlobalSetup]
    public void Setup() => _job = new BenchmarkJob(new ZeroLatencyPuller(), 100_000, 1_000);

    [Benchmark(Baseline = true)]
    public Task<int> ParallelForEachAsync() => _job.RunParallelForEachAsync();

    [Benchmark]
    public Task<int> SemaphoreSlimWhenAll() => _job.RunSemaphoreAsync();

    [Benchmark]
    public Task<int> JobScheduler() => _job.RunSchedulerAsync();

    /// <summary>The same job, streaming only each node's dispatch and end (<c>StreamSteps = false</c>).</summary>
    [Benchmark]
    public Task<int> JobSchedulerNodeUpdates() => _job.RunSchedulerNodeUpdatesAsync();
}

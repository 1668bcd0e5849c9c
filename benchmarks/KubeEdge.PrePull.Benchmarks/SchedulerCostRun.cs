using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace KubeEdge.PrePull.Benchmarks;

/// <summary>
/// `scheduler-cost [runs] [--types]`: the <see cref="SchedulerBenchmark"/> job timed with a stopwatch and the process
/// CPU time, the scheduler interleaved with the bare <c>Parallel.ForEachAsync</c> loop run by run, so both see the
/// same load from other processes; prints the medians and their ratios. <c>--types</c> also samples which types the
/// scheduler allocates (the runtime's allocation ticks, one per ~100 KB). <c>--only NAME</c> runs one method (for a profiler).
/// </summary>
internal static class SchedulerCostRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 10;
        var job = new BenchmarkJob(new ZeroLatencyPuller(), 100_000, 1_000);
        (string Name, Func<Task<int>> Run)[] methods =
        [
            ("ParallelForEachAsync", job.RunParallelForEachAsync),
            ("JobScheduler", job.RunSchedulerAsync),
            ("JobSchedulerNodeUpdates", job.RunSchedulerNodeUpdatesAsync),
        ];
        if (Array.IndexOf(args, "--only") is var only and >= 0 && only + 1 < args.Length)
        {
            methods = [.. methods.Where(m => m.Name == args[only + 1])];
        }

        var samples = methods.Select(_ => new List<(double Wall, double Cpu, long Bytes)>()).ToArray();
        var pauses = new double[methods.Length];
        var collections = new int[methods.Length];
        for (var warmup = 0; warmup < 3; warmup++)
        {
            foreach (var method in methods)
            {
                await method.Run().ConfigureAwait(false);
            }
        }

        using var listener = args.Contains("--types") ? new AllocationListener() : null;
        for (var run = 0; run < runs; run++)
        {
            for (var m = 0; m < methods.Length; m++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                if (listener is not null)
                {
                    listener.Enabled = methods[m].Name == "JobScheduler";
                }

                var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var bytes = GC.GetTotalAllocatedBytes(precise: true);
                var pause = GC.GetTotalPauseDuration();
                var gen0 = GC.CollectionCount(0);
                var wall = Stopwatch.StartNew();
                await methods[m].Run().ConfigureAwait(false);
                wall.Stop();
                pauses[m] += (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
                collections[m] += GC.CollectionCount(0) - gen0;
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - bytes;
                process.Refresh();
                samples[m].Add((wall.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds, allocated));
                if (listener is not null)
                {
                    listener.Enabled = false;
                }
            }
        }

        Console.WriteLine($"{runs} runs each, interleaved, after 3 warm-ups; load average {LoadAverage()}");
        Console.WriteLine("| Method | wall median | wall min | CPU median | Allocated / run | wall ratio | CPU ratio | alloc ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var baseline = Medians(samples[0]);
        for (var m = 0; m < methods.Length; m++)
        {
            var (wall, cpu, bytes) = Medians(samples[m]);
            var min = samples[m].Min(s => s.Wall);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {methods[m].Name} | {wall:F1} ms | {min:F1} ms | {cpu:F1} ms | {bytes / 1e6:F2} MB | {wall / baseline.Wall:F2} | {cpu / baseline.Cpu:F2} | {bytes / baseline.Bytes:F2} |"));
        }

        for (var m = 0; m < methods.Length; m++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{methods[m].Name}: GC pause {pauses[m] / runs:F1} ms and {(double)collections[m] / runs:F1} collections per run"));
        }

        listener?.Print();
        return 0;
    }

    private static (double Wall, double Cpu, double Bytes) Medians(List<(double Wall, double Cpu, long Bytes)> samples) =>
        (Median(samples.Select(s => s.Wall)), Median(samples.Select(s => s.Cpu)), Median(samples.Select(s => (double)s.Bytes)));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Counts the runtime's allocation ticks by type while enabled.</summary>
    private sealed class AllocationListener : EventListener
    {
        private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public bool Enabled { get; set; }

        public void Print()
        {
            lock (_gate)
            {
                var total = _bytes.Values.Sum();
                Console.WriteLine("Sampled allocation by type (JobScheduler runs):");
                foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(25))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {100.0 * bytes / total,5:F1} %  {type}"));
                }
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                // GC keyword (0x1), verbose: AllocationTick.
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (!Enabled || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null)
            {
                return;
            }

            var names = eventData.PayloadNames!;
            var type = names.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
            var amount = names.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a], CultureInfo.InvariantCulture) : 100_000;
            lock (_gate)
            {
                _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
            }
        }
    }
}

using System.Globalization;
using System.Text;

namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>
/// <c>report</c>: measures the fleet scaling points in order of size, then writes <c>FleetScaling.md</c> and
/// <c>fleet-scaling.svg</c>. End-to-end points run once, in-process points three times (median kept): a scaling
/// curve, not a statistic; the BenchmarkDotNet suites carry the repeated, statistically sound numbers.
/// </summary>
internal static class FleetScalingReport
{
    public const string MarkdownFile = "FleetScaling.md";
    public const string ChartFile = "fleet-scaling.svg";
    public const int InProcessRepeats = 3;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = ReportOptions.Parse(args);
        var machine = MachineInfo.Read();
        var loadAtStart = MachineInfo.LoadAverage();
        var startedAt = TimeProvider.System.GetUtcNow();
        Console.WriteLine($"Fleet scaling report: in process {string.Join('/', options.InProcess)}, end to end {string.Join('/', options.EndToEnd)}; load average {loadAtStart}");

        // Warm-up so the first point does not pay for JIT compilation of the planner and scheduler.
        await InProcessFleetRun.MeasureAsync(1_000);
        var points = new List<ScalingPoint>();
        foreach (var nodes in options.InProcess.Order())
        {
            // Cheap enough to repeat: the median of three runs damps a single preemption on a shared machine.
            var runs = new List<ScalingPoint>();
            for (var i = 0; i < InProcessRepeats; i++)
            {
                var run = await InProcessFleetRun.MeasureAsync(nodes);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    run {i + 1}: {run.Wall.TotalSeconds:F3} s, retained {ScalingMarkdown.Mb(run.Memory.RetainedAfterGcBytes)} MB"));
                runs.Add(run);
            }

            var median = runs.OrderBy(p => p.Wall).ElementAt(InProcessRepeats / 2);
            points.Add(Report(median with { Detail = median.Detail + $"; median of {InProcessRepeats} runs ({string.Join(", ", runs.Select(r => r.Wall.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture)))} s)" }));
        }

        if (options.EndToEnd.Count > 0)
        {
            Console.WriteLine($"  end-to-end warm-up at {EndToEndFleetRun.WarmUpNodes} nodes (not reported)");
            await EndToEndFleetRun.WarmUpAsync();
        }

        foreach (var nodes in options.EndToEnd.Order())
        {
            points.Add(Report(await EndToEndFleetRun.MeasureAsync(nodes, options.Limit)));
        }

        var loadAtEnd = MachineInfo.LoadAverage();
        Directory.CreateDirectory(options.OutputDirectory);
        var subtitle = string.Create(CultureInfo.InvariantCulture, $"{machine.Cpu}, {machine.Cores} cores, {machine.Runtime}, {startedAt:yyyy-MM-dd}, load average at start {loadAtStart}");
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, ChartFile), ScalingChart.Render(points, subtitle));
        var markdown = ScalingMarkdown.Write(points, machine, startedAt, loadAtStart, loadAtEnd, options);
        var path = Path.Combine(options.OutputDirectory, MarkdownFile);
        await File.WriteAllTextAsync(path, markdown);
        Console.WriteLine($"Wrote {path} and {ChartFile}");
        return points.All(p => p.Succeeded == p.Nodes) ? 0 : 1;
    }

    private static ScalingPoint Report(ScalingPoint point)
    {
        var line = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"  {point.Mode,-10} {point.Nodes,8:N0} nodes: {point.Wall.TotalSeconds,8:F2} s, ")
            .Append(CultureInfo.InvariantCulture, $"peak {ScalingMarkdown.Mb(point.Memory.PeakManagedBytes)} MB, retained {ScalingMarkdown.Mb(point.Memory.RetainedAfterGcBytes)} MB, allocated {ScalingMarkdown.Mb(point.Memory.AllocatedBytes)} MB, ")
            .Append(CultureInfo.InvariantCulture, $"{point.Succeeded:N0} succeeded, {point.Outcome}; {point.Detail}");
        if (point.Controller is { } controller)
        {
            line.Append(CultureInfo.InvariantCulture, $"; controller: CPU {controller.Cpu.TotalMilliseconds / point.Nodes:F2} ms/node, {controller.AllocatedBytes / 1024.0 / point.Nodes:F1} KB/node, GC pauses {controller.GcPause / point.Wall:P1}, {controller.ExceptionCount:N0} exceptions, peak working set {ScalingMarkdown.Mb(point.Memory.PeakWorkingSetBytes)} MB");
        }

        if (point.Server is { } server)
        {
            line.Append(CultureInfo.InvariantCulture, $"; server: peak working set {ScalingMarkdown.Mb(server.PeakWorkingSetBytes)} MB, CPU {server.Cpu.TotalMilliseconds / point.Nodes:F2} ms/node");
        }

        Console.WriteLine(line.ToString());
        return point;
    }
}

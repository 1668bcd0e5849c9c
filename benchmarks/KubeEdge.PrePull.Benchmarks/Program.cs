using BenchmarkDotNet.Running;
using KubeEdge.PrePull.Benchmarks.Scaling;
using KubeEdge.PrePull.Benchmarks.Traffic;

// `report [options]` measures the fleet scaling points and writes benchmarks/results/FleetScaling.md + fleet-scaling.svg;
// anything else goes to BenchmarkDotNet, e.g. `-- --filter '*Planning*'`. See benchmarks/README.md.
// `scheduler-cost [runs] [--types]` times SchedulerBenchmark's job with a stopwatch, interleaved with the bare loop.
// `podapply-traffic [nodes]` measures the controller's requests, exceptions and allocation per node (PodApply, the
// API server in a child process started as `serve-fleet N`).
if (args.Length > 0 && args[0] == "podapply-traffic")
{
    return await PodApplyTrafficRun.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "serve-fleet")
{
    return await FleetServerProcess.ServeAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "scheduler-cost")
{
    return await KubeEdge.PrePull.Benchmarks.SchedulerCostRun.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "report")
{
    return await FleetScalingReport.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

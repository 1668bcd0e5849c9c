using BenchmarkDotNet.Running;
using KubeEdge.PrePull.Benchmarks.Scaling;

// `report [options]` measures the fleet scaling points and writes benchmarks/results/FleetScaling.md + fleet-scaling.svg;
// anything else goes to BenchmarkDotNet, e.g. `-- --filter '*Planning*'`. See benchmarks/README.md.
if (args.Length > 0 && args[0] == "report")
{
    return await FleetScalingReport.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

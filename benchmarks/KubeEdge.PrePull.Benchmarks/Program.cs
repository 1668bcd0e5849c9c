using BenchmarkDotNet.Running;

// Runs the suites named on the command line, e.g. `-- --filter '*Planning*'`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

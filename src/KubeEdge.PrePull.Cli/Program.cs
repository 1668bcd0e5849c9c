using KubeEdge.PrePull.Cli;

using var signals = TerminationSignals.Listen(Console.Error);
return CliApp.Run(args, Console.Out, Console.Error, signals);

using KubeEdge.PrePull.Cli;

return CliApp.Run(args, Console.Out, Console.Error);

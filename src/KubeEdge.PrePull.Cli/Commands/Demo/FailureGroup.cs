namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>Failed nodes that share one reason.</summary>
internal sealed record FailureGroup(string Reason, int Nodes, string Example);

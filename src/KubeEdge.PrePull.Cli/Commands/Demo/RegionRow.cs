namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>One line of the summary table: a region's selected nodes, their outcome, and what they pulled from with which secret.</summary>
internal sealed record RegionRow(string Region, int Nodes, int Succeeded, int Failed, int Skipped, string Registries, string Secrets);

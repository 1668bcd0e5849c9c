using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>What the demo ends with: the job's outcome per region, the nodes it left alone, why nodes failed, and where the status went.</summary>
internal sealed record DemoReport(
    string JobName,
    string Phase,
    string? Reason,
    JobSummary Summary,
    TimeSpan Elapsed,
    IReadOnlyList<RegionRow> Regions,
    IReadOnlyList<string> NotSelected,
    IReadOnlyList<FailureGroup> Failures,
    string StatusFile);

using KubeEdge.PrePull.Credentials;

namespace KubeEdge.PrePull.Cli.Plans;

/// <summary>What <c>plan</c> shows: the dry run of a job on a set of nodes and secrets.</summary>
/// <param name="JobName">The job's name.</param>
/// <param name="JobApiVersion">The job's apiVersion as written.</param>
/// <param name="Error">Why the job would fail before touching any node (e.g. no node matched); <see langword="null"/> otherwise.</param>
/// <param name="Plans">The distinct plans of the nodes that can run the job, in order of their first node.</param>
/// <param name="FailedNodes">The selected nodes that cannot run it, grouped by reason.</param>
/// <param name="SecretWarnings">The secrets some node would use that would be skipped, each once.</param>
internal sealed record PlanReport(
    string JobName,
    string JobApiVersion,
    string? Error,
    IReadOnlyList<PlanGroup> Plans,
    IReadOnlyList<FailedNodeGroup> FailedNodes,
    IReadOnlyList<SecretProblem> SecretWarnings)
{
    /// <summary>The job's completion policy with its default type; <see langword="null"/> when the job has none.</summary>
    public Api.CompletionPolicy? CompletionPolicy { get; init; }

    /// <summary>
    /// The selected nodes that would wait for Ready instead of failing (NotReady under a deadline or <c>Never</c>,
    /// missing ones under <c>Never</c>; docs/design.md §2 "Execution"), grouped by what they wait out.
    /// </summary>
    public IReadOnlyList<FailedNodeGroup> WaitingNodes { get; init; } = [];

    /// <summary>How many selected nodes would wait for Ready.</summary>
    public int WaitingNodeCount => WaitingNodes.Sum(w => w.Nodes.Count);

    /// <summary>The version of the machine-readable output (docs/plan-output.md).</summary>
    public const string ApiVersion = "prepull.kubeedge.io/plan/v1";

    /// <summary>The kind of the machine-readable output.</summary>
    public const string Kind = "ImagePrePullPlan";

    /// <summary>How many nodes can run the job.</summary>
    public int PlannedNodeCount => Plans.Sum(p => p.Nodes.Count);

    /// <summary>How many selected nodes cannot.</summary>
    public int FailedNodeCount => FailedNodes.Sum(f => f.Nodes.Count);

    /// <summary>How many planned nodes have an image that cannot be pulled.</summary>
    public int NodesWithImageErrors => Plans.Where(p => p.HasErrors).Sum(p => p.Nodes.Count);

    /// <summary>Whether the job would run without a failure that the plan can already see.</summary>
    public bool Ok => Error is null && FailedNodeCount == 0 && NodesWithImageErrors == 0;
}

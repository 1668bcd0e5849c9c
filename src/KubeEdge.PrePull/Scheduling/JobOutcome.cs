namespace KubeEdge.PrePull.Scheduling;

/// <summary>How a job ended.</summary>
/// <param name="Phase"><c>Completed</c> or <c>Failure</c>; see <see cref="Api.JobPhases"/>.</param>
/// <param name="Reason">Why the job failed (the tolerance message).</param>
/// <param name="Nodes">Every node's final state, in the job's order.</param>
/// <param name="DispatchedNodes">How many nodes this run dispatched.</param>
public sealed record JobOutcome(string Phase, string? Reason, IReadOnlyList<NodeTaskResult> Nodes, int DispatchedNodes);

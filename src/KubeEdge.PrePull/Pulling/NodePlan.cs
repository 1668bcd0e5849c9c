namespace KubeEdge.PrePull.Pulling;

/// <summary>
/// What one node pulls: the job's images in spec order, each resolved after overrides with its credentials.
/// Nodes with the same label set share one instance.
/// </summary>
/// <param name="Images">One entry per image of the job, in spec order.</param>
public sealed record NodePlan(IReadOnlyList<ImagePlan> Images);

namespace KubeEdge.PrePull.Cli.Plans;

/// <summary>Nodes that would pull exactly the same images with the same secrets.</summary>
/// <param name="Nodes">The nodes, in selection order.</param>
/// <param name="Images">The images, in the job's order.</param>
internal sealed record PlanGroup(IReadOnlyList<string> Nodes, IReadOnlyList<PlannedImage> Images)
{
    /// <summary>Whether some image of this plan cannot be pulled.</summary>
    public bool HasErrors => Images.Any(i => i.Outcome == ImageOutcome.Error);
}

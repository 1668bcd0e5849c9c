namespace KubeEdge.PrePull.Pulling;

/// <summary>The check items of one node.</summary>
/// <param name="NodeName">The node.</param>
/// <param name="Items">The items (<c>disk</c>, <c>mem</c>, <c>cpu</c>), in spec order.</param>
/// <param name="Thresholds">The usage thresholds per item.</param>
public sealed record CheckRequest(string NodeName, IReadOnlyList<string> Items, CheckThresholds Thresholds)
{
    /// <summary>
    /// The node's images as planned (resolved references and credentials), so the <c>disk</c> item can compare the
    /// free space with their size (docs/design.md §2 "Check items"); empty when unknown.
    /// </summary>
    public IReadOnlyList<ImagePlan> Images { get; init; } = [];
}

namespace KubeEdge.PrePull.Pulling;

/// <summary>The check items of one node.</summary>
/// <param name="NodeName">The node.</param>
/// <param name="Items">The items (<c>disk</c>, <c>mem</c>, <c>cpu</c>), in spec order.</param>
/// <param name="Thresholds">The usage thresholds per item.</param>
public sealed record CheckRequest(string NodeName, IReadOnlyList<string> Items, CheckThresholds Thresholds);

namespace KubeEdge.PrePull.Scheduling;

/// <summary>One finished action (<c>Check</c> or <c>Pull</c>) of a node.</summary>
/// <param name="Action"><c>Check</c> or <c>Pull</c>; see <see cref="Api.NodeActions"/>.</param>
/// <param name="Succeeded">Whether it succeeded.</param>
/// <param name="Reason">Why it failed.</param>
/// <param name="Time">When it finished.</param>
public sealed record ActionResult(string Action, bool Succeeded, string? Reason, DateTimeOffset Time);

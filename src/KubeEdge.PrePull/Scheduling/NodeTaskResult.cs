using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>An immutable snapshot of one node's task: phase, reason, finished actions and finished images.</summary>
/// <param name="NodeName">The node.</param>
/// <param name="Phase">Its phase; see <see cref="NodeTaskPhases"/>.</param>
/// <param name="Reason">Why it is in its phase.</param>
/// <param name="ActionFlow">The finished actions, in order.</param>
/// <param name="Images">The finished images, in spec order.</param>
public sealed record NodeTaskResult(
    string NodeName,
    string Phase,
    string? Reason,
    IReadOnlyList<ActionResult> ActionFlow,
    IReadOnlyList<ImageResult> Images)
{
    /// <summary>Whether the node is done (successful, failed or unknown); a resumed job does not run it again.</summary>
    public bool IsTerminal => NodeTaskPhases.IsTerminal(Phase);

    /// <summary>Whether the node counts as failed (<c>Failure</c> or <c>Unknown</c>).</summary>
    public bool IsFailed => Phase is NodeTaskPhases.Failure or NodeTaskPhases.Unknown;

    /// <summary>A node waiting to be dispatched.</summary>
    /// <param name="nodeName">The node.</param>
    /// <returns>A <c>Pending</c> entry.</returns>
    public static NodeTaskResult Pending(string nodeName) => new(nodeName, NodeTaskPhases.Pending, null, [], []);

    /// <summary>A node that failed before running (e.g. rejected by node selection).</summary>
    /// <param name="nodeName">The node.</param>
    /// <param name="reason">Why.</param>
    /// <returns>A <c>Failure</c> entry.</returns>
    public static NodeTaskResult Failed(string nodeName, string reason) => new(nodeName, NodeTaskPhases.Failure, reason, [], []);
}

namespace KubeEdge.PrePull.Selection;

/// <summary>One node of a job after selection.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Reason">Why the node cannot run the job (upstream's text); <see langword="null"/> when it can.</param>
public sealed record SelectedNode(string Name, string? Reason = null)
{
    /// <summary>Whether the node can run the job; otherwise it is listed as <c>Failure</c> and counts as failed.</summary>
    public bool IsValid => Reason is null;
}

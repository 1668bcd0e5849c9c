namespace KubeEdge.PrePull.Selection;

/// <summary>The nodes of a job, or why the job selects none.</summary>
/// <param name="Nodes">Every selected node in order, the invalid ones included (they count as failed).</param>
/// <param name="Error">Why the job fails without touching any node (upstream's text); <see langword="null"/> when it runs.</param>
public sealed record NodeSelection(IReadOnlyList<SelectedNode> Nodes, string? Error = null)
{
    /// <summary>Whether the job fails before any node runs.</summary>
    public bool Failed => Error is not null;
}

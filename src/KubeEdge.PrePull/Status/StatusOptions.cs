namespace KubeEdge.PrePull.Status;

/// <summary>How big a job's status may grow (docs/design.md §4 item 4: never past 1 MiB; etcd's limit is 1.5 MiB).</summary>
public sealed class StatusOptions
{
    /// <summary>Jobs with at most 1,000 nodes list every node (and the v1alpha1 mirror) by default.</summary>
    public const int DefaultDetailLimit = 1_000;

    /// <summary>
    /// The node entries get at most 768 KiB of JSON by default, leaving room below 1 MiB for the rest of the
    /// object (metadata, spec with its node names, summary).
    /// </summary>
    public const int DefaultNodeStatusByteBudget = 768 * 1024;

    /// <summary>
    /// Above this many nodes, <c>nodeStatus</c> keeps only non-successful nodes within <see cref="NodeStatusByteBudget"/>
    /// and the v1alpha1 mirror is dropped. Default: <see cref="DefaultDetailLimit"/>.
    /// </summary>
    public int DetailLimit { get; set; } = DefaultDetailLimit;

    /// <summary>
    /// The most bytes of JSON the node entries (and the v1alpha1 mirror) may take; a smaller job whose entries are
    /// bigger is trimmed too. Default: <see cref="DefaultNodeStatusByteBudget"/>.
    /// </summary>
    public int NodeStatusByteBudget { get; set; } = DefaultNodeStatusByteBudget;

    /// <summary>Throws when a value is out of range, naming the property.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(DetailLimit, nameof(DetailLimit));
        ArgumentOutOfRangeException.ThrowIfNegative(NodeStatusByteBudget, nameof(NodeStatusByteBudget));
    }
}

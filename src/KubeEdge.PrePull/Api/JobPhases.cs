namespace KubeEdge.PrePull.Api;

/// <summary>Values of <see cref="ImagePrePullJobStatus.Phase"/>.</summary>
public static class JobPhases
{
    /// <summary>Nodes selected, nothing dispatched yet.</summary>
    public const string Init = "Init";

    /// <summary>Nodes are being dispatched or are in flight.</summary>
    public const string InProgress = "InProgress";

    /// <summary>Every node is terminal and the failures are within tolerance.</summary>
    public const string Completed = "Completed";

    /// <summary>Invalid job, no node matched, or the failures exceeded the tolerance.</summary>
    public const string Failure = "Failure";

    /// <summary>All of them.</summary>
    public static IReadOnlyList<string> All { get; } = [Init, InProgress, Completed, Failure];
}

namespace KubeEdge.PrePull.Api;

/// <summary>Values of <see cref="ImagePrePullJobActionStatus.Action"/>.</summary>
public static class NodeActions
{
    /// <summary>The node's check items.</summary>
    public const string Check = "Check";

    /// <summary>The node's image pulls.</summary>
    public const string Pull = "Pull";

    /// <summary>All of them, in execution order.</summary>
    public static IReadOnlyList<string> All { get; } = [Check, Pull];
}

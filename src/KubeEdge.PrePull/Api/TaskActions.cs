namespace KubeEdge.PrePull.Api;

/// <summary>Action results of the seed's (v1alpha1) state machine.</summary>
public static class TaskActions
{
    /// <summary>The event's action succeeded.</summary>
    public const string Success = "Success";

    /// <summary>The event's action failed.</summary>
    public const string Failure = "Failure";

    /// <summary>All of them.</summary>
    public static IReadOnlyList<string> All { get; } = [Success, Failure];
}

namespace KubeEdge.PrePull.Api;

/// <summary>Events of the seed's (v1alpha1) state machine.</summary>
public static class TaskEvents
{
    /// <summary>Initialisation.</summary>
    public const string Init = "Init";

    /// <summary>The check action finished.</summary>
    public const string Check = "Check";

    /// <summary>The pull action finished.</summary>
    public const string Pull = "Pull";

    /// <summary>The node timed out.</summary>
    public const string TimeOut = "TimeOut";

    /// <summary>All of them.</summary>
    public static IReadOnlyList<string> All { get; } = [Init, Check, Pull, TimeOut];
}

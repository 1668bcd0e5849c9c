namespace KubeEdge.PrePull.Api;

/// <summary>States of the seed's (v1alpha1) state machine: <c>Init -> Checking -> Pulling -> Successful|Failed</c>.</summary>
public static class TaskStates
{
    /// <summary>Created.</summary>
    public const string Init = "Init";

    /// <summary>Running check items.</summary>
    public const string Checking = "Checking";

    /// <summary>Pulling images.</summary>
    public const string Pulling = "Pulling";

    /// <summary>Done, successfully.</summary>
    public const string Successful = "Successful";

    /// <summary>Done, failed.</summary>
    public const string Failed = "Failed";

    /// <summary>All of them (plus the empty initial state, which is not listed).</summary>
    public static IReadOnlyList<string> All { get; } = [Init, Checking, Pulling, Successful, Failed];
}

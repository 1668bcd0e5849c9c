namespace KubeEdge.PrePull.Api;

/// <summary>Values of the <c>status</c> fields of actions and images (Kubernetes condition statuses).</summary>
public static class ConditionStatuses
{
    /// <summary>Succeeded.</summary>
    public const string True = "True";

    /// <summary>Failed.</summary>
    public const string False = "False";

    /// <summary>All values the controller writes.</summary>
    public static IReadOnlyList<string> All { get; } = [True, False];
}

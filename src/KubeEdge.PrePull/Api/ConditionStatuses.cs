namespace KubeEdge.PrePull.Api;

/// <summary>Values of the <c>status</c> fields of actions and images (Kubernetes condition statuses).</summary>
public static class ConditionStatuses
{
    /// <summary>Succeeded.</summary>
    public const string True = "True";

    /// <summary>Failed.</summary>
    public const string False = "False";

    /// <summary>Not decided yet: an image waiting for its registry (docs/design.md §2 "Registry budget").</summary>
    public const string Unknown = "Unknown";

    /// <summary>All values the controller writes.</summary>
    public static IReadOnlyList<string> All { get; } = [True, False, Unknown];
}

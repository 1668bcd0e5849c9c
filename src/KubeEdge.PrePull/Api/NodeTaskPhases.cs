namespace KubeEdge.PrePull.Api;

/// <summary>Values of <see cref="ImagePrePullNodeTaskStatus.Phase"/>.</summary>
public static class NodeTaskPhases
{
    /// <summary>Not dispatched.</summary>
    public const string Pending = "Pending";

    /// <summary>Dispatched, running.</summary>
    public const string InProgress = "InProgress";

    /// <summary>Every image pulled.</summary>
    public const string Successful = "Successful";

    /// <summary>A check or an image failed, or the node was invalid.</summary>
    public const string Failure = "Failure";

    /// <summary>The node timed out.</summary>
    public const string Unknown = "Unknown";

    /// <summary>All of them.</summary>
    public static IReadOnlyList<string> All { get; } = [Pending, InProgress, Successful, Failure, Unknown];

    /// <summary>Whether a node in <paramref name="phase"/> is done (successful, failed or unknown).</summary>
    /// <param name="phase">A node phase.</param>
    /// <returns><see langword="true"/> for <c>Successful</c>, <c>Failure</c> and <c>Unknown</c>.</returns>
    public static bool IsTerminal(string? phase) => phase is Successful or Failure or Unknown;
}

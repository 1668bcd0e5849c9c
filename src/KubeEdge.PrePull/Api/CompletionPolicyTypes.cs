namespace KubeEdge.PrePull.Api;

/// <summary>Values of <see cref="CompletionPolicy.Type"/>.</summary>
public static class CompletionPolicyTypes
{
    /// <summary>The job ends when every node has finished (the default, and upstream's behaviour).</summary>
    public const string Always = "Always";

    /// <summary>The job stays <c>InProgress</c> and keeps pulling onto nodes that match or become Ready later.</summary>
    public const string Never = "Never";

    /// <summary>All of them.</summary>
    public static IReadOnlyList<string> All { get; } = [Always, Never];
}

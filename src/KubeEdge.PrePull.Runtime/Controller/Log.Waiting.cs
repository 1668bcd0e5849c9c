using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>The controller's messages about jobs that wait for nodes (docs/design.md §2 "Execution"), ids 255-259.</summary>
internal static partial class Log
{
    [LoggerMessage(255, LogLevel.Information, "Job {Job}: {Count} nodes joined")]
    public static partial void NodesJoined(ILogger logger, string job, int count);

    [LoggerMessage(258, LogLevel.Information, "Job {Job}: {Count} tags of nodes planned later resolved to digests (pinDigests)")]
    public static partial void DigestsPinnedLater(ILogger logger, string job, int count);

    [LoggerMessage(257, LogLevel.Debug, "Job {Job}: node {Node} is now {Readiness}")]
    public static partial void NodeReadinessChanged(ILogger logger, string job, string node, string readiness);

    [LoggerMessage(256, LogLevel.Warning, "Job {Job}: a batch of node changes could not be handled (e.g. the secrets of joining nodes could not be read); the next change of those nodes brings them again")]
    public static partial void NodeFollowFailed(ILogger logger, string job, Exception exception);
}

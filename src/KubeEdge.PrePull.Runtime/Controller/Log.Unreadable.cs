using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>The controller's messages about unreadable jobs (docs/design.md §2, Unreadable jobs), ids 240-249.</summary>
internal static partial class Log
{
    [LoggerMessage(240, LogLevel.Warning, "Job {Job} cannot be read and its status could not be set to Failure ({Answer}); only the event reports it")]
    public static partial void UnreadableStatusRefused(ILogger logger, string job, string answer);
}

using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Events;

/// <summary>
/// The event recorder's log messages, under their own category (<see cref="Category"/>). Event id 208 comes from the
/// time the controller wrote it and stays as it was. Arguments are reasons and job names, never event messages.
/// </summary>
internal static partial class Log
{
    /// <summary>The logging category of the event recorder.</summary>
    public const string Category = "KubeEdge.PrePull.Runtime.Events";

    [LoggerMessage(208, LogLevel.Warning, "Recording event {Reason} for job {Job} failed")]
    public static partial void EventFailed(ILogger logger, string reason, string job, Exception exception);
}

using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Status;

/// <summary>
/// The status writer's log messages, under their own category (<see cref="Category"/>). Their event ids, 207 and 215,
/// come from the time the controller wrote them and stay as they were; 290 on are its own. Arguments are job names, never status contents.
/// </summary>
internal static partial class Log
{
    /// <summary>The logging category of the status writer, so an operator can turn it up alone.</summary>
    public const string Category = "KubeEdge.PrePull.Runtime.Status";

    [LoggerMessage(207, LogLevel.Warning, "Writing the status of job {Job} failed (attempt {Attempt})")]
    public static partial void StatusWriteFailed(ILogger logger, string job, int attempt, Exception exception);

    [LoggerMessage(215, LogLevel.Debug, "Job {Job}: another writer changed the job first (conflict {Conflict}); re-reading it before writing again")]
    public static partial void StatusConflict(ILogger logger, string job, int conflict);

    [LoggerMessage(290, LogLevel.Information, "Job {Job}: not writing its status, this replica no longer leads")]
    public static partial void StatusWriteFenced(ILogger logger, string job);
}

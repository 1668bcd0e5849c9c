using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>
/// The controller's log messages (event ids 200-299; 207, 208 and 215 are the status writer's and the event recorder's,
/// in their own folders). Arguments are names and reasons, never secret data.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(200, LogLevel.Information, "Job {Job} started on {Nodes} nodes ({Resumed} already finished)")]
    public static partial void JobStarted(ILogger logger, string job, int nodes, int resumed);

    [LoggerMessage(201, LogLevel.Information, "Job {Job} finished: {Phase} {Reason}")]
    public static partial void JobFinishedWithReason(ILogger logger, string job, string phase, string reason);

    [LoggerMessage(219, LogLevel.Information, "Job {Job} finished: {Phase}")]
    public static partial void JobFinishedWithoutReason(ILogger logger, string job, string phase);

    [LoggerMessage(202, LogLevel.Warning, "Job {Job} is invalid: {Problems}")]
    public static partial void JobInvalid(ILogger logger, string job, string problems);

    [LoggerMessage(203, LogLevel.Error, "The run of job {Job} failed; the job is reconciled again")]
    public static partial void ReconcileFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(204, LogLevel.Information, "Job {Job} was deleted; its run is cancelled and cleaned up")]
    public static partial void JobDeleted(ILogger logger, string job);

    [LoggerMessage(205, LogLevel.Warning, "Job {Job}: the spec changed after the job started; the change is ignored")]
    public static partial void SpecChangeIgnored(ILogger logger, string job);

    [LoggerMessage(206, LogLevel.Warning, "Job {Job}: {Problem}")]
    public static partial void SecretSkipped(ILogger logger, string job, string problem);

    [LoggerMessage(209, LogLevel.Error, "The controller loop failed; it starts again")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(210, LogLevel.Information, "Installed the ImagePrePullJob CRD")]
    public static partial void CrdInstalled(ILogger logger);

    [LoggerMessage(212, LogLevel.Warning, "Reconciling job {Job} failed (attempt {Attempt}); retrying in {Delay}")]
    public static partial void ReconcileRetry(ILogger logger, string job, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(213, LogLevel.Warning, "Installing the ImagePrePullJob CRD failed (attempt {Attempt}); retrying")]
    public static partial void CrdInstallFailed(ILogger logger, int attempt, Exception exception);

    [LoggerMessage(214, LogLevel.Error, "Installing the ImagePrePullJob CRD failed {Attempts} times; going on with the CRD the cluster has")]
    public static partial void CrdInstallGivenUp(ILogger logger, int attempts, Exception exception);

    [LoggerMessage(211, LogLevel.Debug, "Job {Job}: node {Node} finished {Phase}")]
    public static partial void NodeFinished(ILogger logger, string job, string node, string phase);

    [LoggerMessage(216, LogLevel.Information, "Job {Job} runs {Agents} of its {Nodes} nodes on their edge agents (label {Label})")]
    public static partial void AgentMode(ILogger logger, string job, int agents, int nodes, string label);

    [LoggerMessage(217, LogLevel.Debug, "Job {Job}: node {Node} dispatched to its edge agent")]
    public static partial void AgentDispatched(ILogger logger, string job, string node);

    [LoggerMessage(218, LogLevel.Debug, "Job {Job}: the edge agent of node {Node} reported {Phase}")]
    public static partial void AgentReported(ILogger logger, string job, string node, string phase);

    [LoggerMessage(291, LogLevel.Warning, "Job {Job}: the host's shutdown timeout ran out before the status of the stopped run was written; the next leader resumes from the last status written")]
    public static partial void StopWriteTimedOut(ILogger logger, string job);

    [LoggerMessage(292, LogLevel.Warning, "Job {Job}: writing the status of the stopped run failed; the next leader resumes from the last status written")]
    public static partial void StopWriteFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(235, LogLevel.Error, "Job {Job} could not start; it fails")]
    public static partial void JobStartFailed(ILogger logger, string job, Exception exception);

    /// <summary>
    /// The end of a job: with its reason (201) when it has one, else the phase alone (219), so a Completed job does
    /// not log "Completed (null)".
    /// </summary>
    public static void JobFinished(ILogger logger, string job, string phase, string? reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            JobFinishedWithoutReason(logger, job, phase);
        }
        else
        {
            JobFinishedWithReason(logger, job, phase, reason);
        }
    }
}

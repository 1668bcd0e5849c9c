using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// The edge agent's log messages (event ids 400-449; 300-399 are PodApply's). Arguments are names, phases and
/// reasons, never secret data.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(400, LogLevel.Information, "Agent on node {Node} started")]
    public static partial void AgentStarted(ILogger logger, string node);

    [LoggerMessage(401, LogLevel.Information, "Job {Job}: node {Node} runs its entry ({Images} images, {Secrets} secrets read)")]
    public static partial void RunStarted(ILogger logger, string job, string node, int images, int secrets);

    [LoggerMessage(402, LogLevel.Information, "Job {Job}: node {Node} finished {Phase}: {Reason}")]
    public static partial void RunFinishedWithReason(ILogger logger, string job, string node, string phase, string reason);

    [LoggerMessage(412, LogLevel.Information, "Job {Job}: node {Node} finished {Phase}")]
    public static partial void RunFinishedWithoutReason(ILogger logger, string job, string node, string phase);

    /// <summary>
    /// The end of a node's run: with its reason (402) when it has one, else the phase alone (412), so a successful node
    /// does not log "Successful (null)".
    /// </summary>
    public static void RunFinished(ILogger logger, string job, string node, string phase, string? reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            RunFinishedWithoutReason(logger, job, node, phase);
        }
        else
        {
            RunFinishedWithReason(logger, job, node, phase, reason);
        }
    }

    [LoggerMessage(403, LogLevel.Information, "Job {Job}: wrote the entry of node {Node} ({Phase})")]
    public static partial void EntryWritten(ILogger logger, string job, string node, string phase);

    [LoggerMessage(404, LogLevel.Information, "Job {Job}: the result of node {Node} is dropped: {Why}")]
    public static partial void ResultDropped(ILogger logger, string job, string node, string why);

    [LoggerMessage(405, LogLevel.Debug, "Job {Job}: writing the entry of node {Node} failed (attempt {Attempt}): {Error}; trying again")]
    public static partial void WriteRetry(ILogger logger, string job, string node, int attempt, string error);

    [LoggerMessage(406, LogLevel.Information, "Job {Job}: the entry of node {Node} is InProgress again after the agent wrote it; writing the same result again")]
    public static partial void StaleWrite(ILogger logger, string job, string node);

    [LoggerMessage(407, LogLevel.Information, "Job {Job}: the run of node {Node} is cancelled: {Why}")]
    public static partial void RunCancelled(ILogger logger, string job, string node, string why);

    [LoggerMessage(408, LogLevel.Warning, "Job {Job}: {Problem}")]
    public static partial void SecretSkipped(ILogger logger, string job, string problem);

    [LoggerMessage(409, LogLevel.Warning, "Job {Job}: handling it failed (attempt {Attempt}): {Error}; retrying in {Delay}")]
    public static partial void ReconcileRetry(ILogger logger, string job, int attempt, string error, TimeSpan delay);

    [LoggerMessage(410, LogLevel.Error, "The agent loop failed: {Error}; it starts again")]
    public static partial void LoopFailed(ILogger logger, string error);

    [LoggerMessage(411, LogLevel.Warning, "Job {Job}: the run of node {Node} failed: {Error}; it runs again")]
    public static partial void RunFailed(ILogger logger, string job, string node, string error);
}

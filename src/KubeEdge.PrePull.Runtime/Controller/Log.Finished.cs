using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>The controller's messages about finished jobs, reruns and TTL (event ids 260-269).</summary>
internal static partial class Log
{
    [LoggerMessage(260, LogLevel.Information, "Job {Job} is rerun on its {Nodes} failed or unknown nodes ({Kept} successful kept)")]
    public static partial void JobRerun(ILogger logger, string job, int nodes, int kept);

    [LoggerMessage(261, LogLevel.Warning, "Job {Job}: the rerun cannot run: {Reason}")]
    public static partial void RerunRefused(ILogger logger, string job, string reason);

    [LoggerMessage(262, LogLevel.Debug, "Job {Job} is finished; its TTL deletes it at {DeleteAt}")]
    public static partial void TtlWaiting(ILogger logger, string job, string deleteAt);

    [LoggerMessage(263, LogLevel.Information, "Job {Job}: ttlSecondsAfterFinished ({Ttl} s) has passed since it finished; deleting it")]
    public static partial void TtlExpired(ILogger logger, string job, int ttl);
}

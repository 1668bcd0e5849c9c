using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>One reading of the job's status summary, as the progress display shows it.</summary>
internal sealed record JobProgress(string Phase, int Total, int Succeeded, int Failed, int InProgress, int Pending, TimeSpan Elapsed)
{
    public bool IsFinished => Phase is JobPhases.Completed or JobPhases.Failure;

    /// <summary>Nodes that reached an end, successful or not.</summary>
    public int Done => Succeeded + Failed;

    public static JobProgress From(ImagePrePullJob? job, TimeSpan elapsed)
    {
        var summary = job?.Status?.Summary ?? new JobSummary();
        var phase = job?.Status?.Phase is { Length: > 0 } p ? p : "Created";

        // Unknown nodes (timed out) count as failed, as the job's failure tolerance counts them.
        return new JobProgress(phase, summary.Total, summary.Successful, summary.Failed + summary.Unknown, summary.InProgress, summary.Pending, elapsed);
    }
}

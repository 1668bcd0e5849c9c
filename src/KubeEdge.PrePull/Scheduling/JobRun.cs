using System.Threading.Channels;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>A running job: its progress stream, its current state and its outcome.</summary>
public sealed class JobRun
{
    private readonly JobExecution _execution;

    internal JobRun(JobExecution execution) => _execution = execution;

    /// <summary>
    /// Every step of every node, in the order they happened; completes when the job ends. Meant for one reader (a
    /// status writer, a progress bar); it is unbounded, so an unread stream keeps every update in memory until the
    /// run is dropped.
    /// </summary>
    public ChannelReader<NodeUpdate> Updates => _execution.Updates;

    /// <summary>
    /// The outcome, once every node is terminal (or left <c>Pending</c> after the tolerance was exceeded).
    /// Cancelled when the job's cancellation token is; in-flight nodes are then cancelled and not reported.
    /// </summary>
    public Task<JobOutcome> Completion => _execution.Completion;

    /// <summary>Every node's current state, in the job's order (a copy; safe to use while the job runs).</summary>
    /// <returns>The nodes.</returns>
    public IReadOnlyList<NodeTaskResult> GetNodes() => _execution.GetNodes();
}

using System.Threading.Channels;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>A running job: its progress stream, its current state and its outcome.</summary>
public sealed class JobRun
{
    private readonly JobExecution _execution;

    internal JobRun(JobExecution execution) => _execution = execution;

    /// <summary>
    /// The steps of every node, in the order they happened; completes when the job ends. Each node streams
    /// <see cref="NodeUpdateKind.Dispatched"/>, its finished steps and <see cref="NodeUpdateKind.Finished"/>; a node
    /// whose backend answered every step synchronously streams its dispatch and its end only, the end holding every
    /// step (docs/design.md §2 "Progress"). Meant for one reader (a status writer, a progress bar); it is unbounded,
    /// so an unread stream keeps every update in memory until the run is dropped.
    /// </summary>
    public ChannelReader<NodeUpdate> Updates => _execution.Updates;

    /// <summary>
    /// The outcome, once every node is terminal (or left <c>Pending</c> after the tolerance was exceeded).
    /// Cancelled when the job's cancellation token is; in-flight nodes are then cancelled and not reported.
    /// </summary>
    public Task<JobOutcome> Completion => _execution.Completion;

    /// <summary>
    /// Tells a waiting run (<see cref="JobSettings.WaitsForNodes"/>) whether a node is Ready: a node waiting for it is
    /// dispatched (within the concurrency); a NotReady node whose attempt times out waits again instead of ending
    /// <c>Unknown</c> (docs/design.md §2 "Execution").
    /// </summary>
    /// <param name="nodeName">The node.</param>
    /// <param name="ready">Whether it is Ready now.</param>
    /// <returns>Whether the node is part of the run.</returns>
    /// <exception cref="InvalidOperationException">The run does not wait for nodes.</exception>
    public bool SetNodeReady(string nodeName, bool ready) => _execution.SetNodeReady(nodeName, ready);

    /// <summary>
    /// Adds nodes to a waiting run (e.g. nodes that start to match a <c>Never</c> job's selector), after the others in
    /// the job's order: Ready ones are dispatched, the others wait. Names already in the run are ignored, so a node
    /// that succeeded is never pulled again. Nothing is added once the deadline has passed.
    /// </summary>
    /// <param name="nodeNames">The nodes.</param>
    /// <param name="ready">Whether they are Ready.</param>
    /// <returns>How many were added.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodeNames"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    /// <exception cref="InvalidOperationException">The run does not wait for nodes.</exception>
    public int AddNodes(IEnumerable<string> nodeNames, bool ready)
    {
        ArgumentNullException.ThrowIfNull(nodeNames);
        return _execution.AddNodes(nodeNames, ready);
    }

    /// <summary>Every node's current state, in the job's order (a copy; safe to use while the job runs).</summary>
    /// <returns>The nodes.</returns>
    public IReadOnlyList<NodeTaskResult> GetNodes() => _execution.GetNodes();
}


namespace KubeEdge.PrePull.Pulling;

/// <summary>
/// A puller that works per node rather than per image (e.g. PodApply: one pod per node with one container per
/// image). The scheduler calls <see cref="BeginNodeAsync"/> before a node's Check, and always calls
/// <see cref="EndNodeAsync"/> once the node is closed, whether it succeeded, failed, timed out or was cancelled, so
/// the puller can clean up what it created.
/// </summary>
public interface INodeScopedImagePuller : IImagePuller
{
    /// <summary>Called once when a node is dispatched, with the node's whole plan.</summary>
    /// <param name="nodeName">The node.</param>
    /// <param name="plan">The node's plan (every image, resolved, with credentials).</param>
    /// <param name="cancellationToken">Cancelled when the node times out or the job stops.</param>
    /// <returns>A task that completes when the node's work has been set up.</returns>
    ValueTask BeginNodeAsync(string nodeName, NodePlan plan, CancellationToken cancellationToken);

    /// <summary>Called once when a node is closed; must not throw, and cleans up even after cancellation.</summary>
    /// <param name="nodeName">The node.</param>
    /// <param name="cancellationToken">Cancelled only when the host stops.</param>
    /// <returns>A task that completes when the node's resources are released.</returns>
    ValueTask EndNodeAsync(string nodeName, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <see cref="BeginNodeAsync"/> already starts the pulls of every image of the node (PodApply: the kubelet
    /// pulls once the pod exists), so a registry budget must give the node its slots before it begins (docs/design.md
    /// §2 "Registry budget"). Default: <see langword="false"/>, each pull takes its slot when it is called.
    /// </summary>
    bool PullsOnBegin => false;
}

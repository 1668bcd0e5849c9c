using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>One image of one node waiting for its registry; completed when it is given a slot. Its fields change only under the registry's lock.</summary>
internal sealed class RegistryWaiter(NodeExecution node, ImagePlan image) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public NodeExecution Node { get; } = node;

    public ImagePlan Image { get; } = image;

    public LinkedListNode<RegistryWaiter>? Entry { get; set; }

    public RegistryWaitCause Cause { get; set; }

    public DateTimeOffset Since { get; set; }

    public bool Granted { get; set; }
}

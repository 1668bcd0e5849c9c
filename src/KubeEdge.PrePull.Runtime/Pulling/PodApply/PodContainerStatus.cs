using k8s.Models;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>What the backend reads of one kubelet container status (see <see cref="ContainerStatusReader"/>).</summary>
/// <param name="Name">The container's name.</param>
/// <param name="ImageId">The <c>imageID</c> the kubelet reports once the image is on the node.</param>
/// <param name="Running">Whether <c>state.running</c> is set.</param>
/// <param name="Terminated">Whether <c>state.terminated</c> is set.</param>
/// <param name="WaitingReason"><c>state.waiting.reason</c>.</param>
/// <param name="WaitingMessage"><c>state.waiting.message</c>.</param>
internal sealed record PodContainerStatus(string Name, string? ImageId, bool Running, bool Terminated, string? WaitingReason, string? WaitingMessage)
{
    /// <summary>The same fields of a typed status.</summary>
    public static PodContainerStatus From(V1ContainerStatus status) => new(
        status.Name ?? string.Empty,
        status.ImageID,
        status.State?.Running is not null,
        status.State?.Terminated is not null,
        status.State?.Waiting?.Reason,
        status.State?.Waiting?.Message);
}

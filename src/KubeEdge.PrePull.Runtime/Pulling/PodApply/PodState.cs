using k8s.Models;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>
/// What the backend reads of a pull pod: its identity, version, phase and container statuses, nothing else
/// (docs/design.md §3 "PodApply": the watch parses only these fields, see <see cref="PodStateReader"/>).
/// </summary>
/// <param name="Name">The pod's name.</param>
/// <param name="Uid">The pod's uid.</param>
/// <param name="ResourceVersion">The state's resource version.</param>
/// <param name="Phase">The pod's phase (<c>Pending</c>, <c>Running</c>, <c>Failed</c>, ...).</param>
/// <param name="Reason">The pod's status reason.</param>
/// <param name="Message">The pod's status message.</param>
/// <param name="ContainerStatuses">The kubelet's container statuses, in the pod's order.</param>
internal sealed record PodState(string? Name, string? Uid, string? ResourceVersion, string? Phase, string? Reason, string? Message, IReadOnlyList<PodContainerStatus> ContainerStatuses)
{
    /// <summary>The same fields of a typed pod (a read, or a client that is not <see cref="k8s.Kubernetes"/>).</summary>
    public static PodState From(V1Pod pod)
    {
        var statuses = pod.Status?.ContainerStatuses is { } list ? [.. list.Select(PodContainerStatus.From)] : Array.Empty<PodContainerStatus>();
        return new PodState(pod.Metadata?.Name, pod.Metadata?.Uid, pod.Metadata?.ResourceVersion, pod.Status?.Phase, pod.Status?.Reason, pod.Status?.Message, statuses);
    }

    /// <summary>The status of the container named <paramref name="name"/>, if the kubelet reported one.</summary>
    public PodContainerStatus? Container(string name)
    {
        foreach (var status in ContainerStatuses)
        {
            if (status.Name == name)
            {
                return status;
            }
        }

        return null;
    }
}

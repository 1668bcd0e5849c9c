using k8s.Models;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>Reads a kubelet container status as a pull outcome.</summary>
internal static class ContainerStatusReader
{
    /// <summary>The reason of a pull attempt that failed.</summary>
    public const string ErrImagePull = "ErrImagePull";

    /// <summary>The reason while the kubelet waits before pulling again.</summary>
    public const string ImagePullBackOff = "ImagePullBackOff";

    private static readonly HashSet<string> Permanent = new(StringComparer.Ordinal) { "InvalidImageName", "ErrImageNeverPull" };

    // The kubelet pulls (EnsureImageExists) before it creates and starts a container, so these waiting reasons
    // mean the image is already on the node: the default command that exists in no image ends up here.
    private static readonly HashSet<string> AfterPull = new(StringComparer.Ordinal)
    {
        "CreateContainerConfigError", "CreateContainerError", "PreCreateHookError", "PreStartHookError",
        "PostStartHookError", "RunContainerError", "StartError", "CrashLoopBackOff", "ContainerCannotRun",
    };

    /// <summary>What <paramref name="status"/> says.</summary>
    public static ContainerPullPhase Read(V1ContainerStatus? status) => PhaseOf(status is null ? null : PodContainerStatus.From(status));

    /// <summary>What <paramref name="status"/> (as the watch reads it) says.</summary>
    public static ContainerPullPhase PhaseOf(PodContainerStatus? status)
    {
        if (status is null)
        {
            return ContainerPullPhase.Pending;
        }

        if (!string.IsNullOrEmpty(status.ImageId) || status.Running || status.Terminated)
        {
            return ContainerPullPhase.Pulled;
        }

        var reason = status.WaitingReason;
        return reason switch
        {
            null => ContainerPullPhase.Pending,
            ErrImagePull or ImagePullBackOff => ContainerPullPhase.Failed,
            _ when Permanent.Contains(reason) => ContainerPullPhase.FailedPermanently,
            _ when AfterPull.Contains(reason) => ContainerPullPhase.Pulled,
            _ => ContainerPullPhase.Pending,
        };
    }
}

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>What a container status says about its image.</summary>
internal enum ContainerPullPhase
{
    /// <summary>Not decided yet (no status, <c>ContainerCreating</c>, ...).</summary>
    Pending = 0,

    /// <summary>The image is on the node.</summary>
    Pulled,

    /// <summary>The last pull failed; the kubelet may try again after a back-off.</summary>
    Failed,

    /// <summary>The pull can never succeed as specified (<c>InvalidImageName</c>, <c>ErrImageNeverPull</c>).</summary>
    FailedPermanently,
}

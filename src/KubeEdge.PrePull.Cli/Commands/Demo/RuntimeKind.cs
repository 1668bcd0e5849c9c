namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>Which kind of container runtime the simulated kubelets pull through with <c>--cri</c> or <c>--docker</c>.</summary>
internal enum RuntimeKind
{
    /// <summary>A CRI v1 runtime (containerd, CRI-O), <c>--cri SOCKET</c>.</summary>
    Cri,

    /// <summary>A Docker Engine, <c>--docker SOCKET</c>.</summary>
    Docker,
}

namespace KubeEdge.PrePull.Runtime.Pulling.Cri;

/// <summary>Settings of <see cref="CriImagePuller"/>.</summary>
public sealed class CriImagePullerOptions : NodePullerOptions
{
    /// <summary>Default of <see cref="SocketPath"/>: containerd's socket, <c>/run/containerd/containerd.sock</c>.</summary>
    public const string DefaultSocketPath = "/run/containerd/containerd.sock";

    /// <summary>Default of <see cref="MaxMessageBytes"/>: 16 MiB, as the kubelet (the gRPC default is 4 MiB).</summary>
    public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The CRI runtime's Unix socket (CRI-O: <c>/run/crio/crio.sock</c>, cri-dockerd: <c>/var/run/cri-dockerd.sock</c>).
    /// Default: <see cref="DefaultSocketPath"/>.
    /// </summary>
    public string SocketPath { get; set; } = DefaultSocketPath;

    /// <summary>The largest gRPC message sent or received. Default: <see cref="DefaultMaxMessageBytes"/>.</summary>
    public int MaxMessageBytes { get; set; } = DefaultMaxMessageBytes;

    /// <inheritdoc />
    internal override void Validate()
    {
        base.Validate();
        RequireSocketPath(SocketPath, nameof(SocketPath));
        if (MaxMessageBytes < 1024 * 1024)
        {
            throw new ArgumentException($"{nameof(CriImagePullerOptions)}.{nameof(MaxMessageBytes)} must be at least 1 MiB, not {MaxMessageBytes}.", nameof(MaxMessageBytes));
        }
    }
}

namespace KubeEdge.PrePull.Runtime.Pulling.Docker;

/// <summary>Settings of <see cref="DockerImagePuller"/>.</summary>
public sealed class DockerImagePullerOptions : NodePullerOptions
{
    /// <summary>Default of <see cref="SocketPath"/>: <c>/var/run/docker.sock</c>.</summary>
    public const string DefaultSocketPath = "/var/run/docker.sock";

    /// <summary>The Docker Engine's Unix socket. Default: <see cref="DefaultSocketPath"/>.</summary>
    public string SocketPath { get; set; } = DefaultSocketPath;

    /// <inheritdoc />
    internal override void Validate()
    {
        base.Validate();
        RequireSocketPath(SocketPath, nameof(SocketPath));
    }
}

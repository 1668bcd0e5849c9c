using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;

/// <summary>The registries plus a real dockerd (on its own containerd) on a socket in the temp dir.</summary>
public sealed class DockerFixture : RuntimeFixture
{
    public DockerDaemon Docker { get; private set; } = null!;

    protected override IEnumerable<(string Name, string Package)> Binaries => [.. base.Binaries, ("dockerd", "docker.io")];

    protected override async Task StartRuntimeAsync(IReadOnlyList<string> registryHosts)
    {
        var containerd = Own(await ContainerdDaemon.StartAsync(Daemons.Find("containerd")!, Path.Combine(TempDir, "c"), registryHosts));
        Docker = Own(await DockerDaemon.StartAsync(Daemons.Find("dockerd")!, Path.Combine(TempDir, "d"), containerd.SocketPath, registryHosts));
    }
}

using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;

/// <summary>The registries plus a real containerd serving CRI v1 on a socket in the temp dir.</summary>
public sealed class CriFixture : RuntimeFixture
{
    public ContainerdDaemon Containerd { get; private set; } = null!;

    protected override async Task StartRuntimeAsync(IReadOnlyList<string> registryHosts) =>
        Containerd = Own(await ContainerdDaemon.StartAsync(Daemons.Find("containerd")!, Path.Combine(TempDir, "c"), registryHosts));
}

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>The base of the controller test classes: every test gets its own embedded cluster, disposed after it.</summary>
public abstract class ControllerTests : IAsyncLifetime
{
    internal ControllerCluster Cluster { get; private set; } = null!;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync() => Cluster = await ControllerCluster.StartAsync();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

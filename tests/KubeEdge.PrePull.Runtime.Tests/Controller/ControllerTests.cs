using KubeEdge.PrePull.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>The base of the controller test classes: every test gets its own embedded cluster, disposed after it.</summary>
public abstract class ControllerTests : IAsyncLifetime
{
    internal ControllerCluster Cluster { get; private set; } = null!;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync() => Cluster = await ControllerCluster.StartAsync(ServerOptions);

    /// <summary>The embedded server's options for this class's tests (the defaults unless a class needs others).</summary>
    protected virtual EmbeddedApiServerOptions? ServerOptions => null;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

using k8s;
using KubeEdge.PrePull.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Testing.Tests;

/// <summary>
/// The base of the test classes here whose tests each get a fresh embedded server (they count objects, inject
/// faults or move the server's clock): it starts the given <see cref="ApiServerFixture"/> before each test and
/// disposes it after.
/// </summary>
/// <param name="cluster">The test's server, not yet started.</param>
public abstract class ApiServerTests(ApiServerFixture cluster) : IAsyncLifetime
{
    /// <summary>The server's fake clock (<see langword="null"/> when the server runs on the system clock).</summary>
    private protected readonly FakeTimeProvider _time = cluster.Time!;

    private protected EmbeddedApiServer _server = null!;

    private protected Kubernetes _client = null!;

    private protected ApiServerFixture Cluster => cluster;

    private protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <inheritdoc/>
    public virtual async ValueTask InitializeAsync() => (_server, _client) = await cluster.StartAsync();

    /// <inheritdoc/>
    public virtual async ValueTask DisposeAsync()
    {
        await cluster.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

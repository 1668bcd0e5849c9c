using KubeEdge.PrePull.Testing.Fleet;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Testing.Tests;

/// <summary>Pins the documented defaults of the test kit's options.</summary>
public sealed class EmbeddedApiServerOptionsTests(ApiServerFixture cluster) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var server = new EmbeddedApiServerOptions();
        var nodes = new NodeFleetOptions();

        Assert.Same(TimeProvider.System, server.TimeProvider);
        Assert.Equal(10_000, server.WatchHistoryLimit);
        Assert.Equal(TimeSpan.FromMinutes(1), server.BookmarkInterval);
        Assert.Equal(["default", "kube-system", "kube-node-lease"], server.Namespaces);
        Assert.Equal(1, nodes.Count);
        Assert.Equal("edge-node-", nodes.NamePrefix);
        Assert.Empty(nodes.Regions);
        Assert.Empty(nodes.Labels);
        Assert.True(nodes.EdgeRole);
        Assert.Equal(0, nodes.NotReadyCount);
        Assert.Equal(TimeSpan.FromSeconds(10), SimulatedFleet.DefaultBackOffDelay);
        Assert.Equal(TimeSpan.Zero, ImagePullBehavior.Succeed.Latency);
        Assert.Null(ImagePullBehavior.Succeed.FailureMessage);
    }

    [Fact]
    public async Task StartAsync_NonPositiveHistory_ThrowsNamingTheOption()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions { WatchHistoryLimit = 0 }, TestContext.Current.CancellationToken));

        Assert.Contains("WatchHistoryLimit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddNodes_NotReadyCountAboveCount_ThrowsNamingTheOption()
    {
        var server = cluster.Server;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => server.Fleet.AddNodes(new NodeFleetOptions { Count = 1, NotReadyCount = 2 }));

        Assert.Contains("NotReadyCount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetReady_UnknownNode_ThrowsNamingIt()
    {
        var server = cluster.Server;

        var error = Assert.Throws<ArgumentException>(() => server.Fleet.SetReady("ghost", ready: true));

        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
    }
}

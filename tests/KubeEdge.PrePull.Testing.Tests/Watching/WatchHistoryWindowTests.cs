using k8s;
using k8s.Models;
using KubeEdge.PrePull.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Testing.Tests.Watching;

/// <summary>Watch history expires by time (kube-apiserver's watch cache keeps ~75 s), on the server's clock.</summary>
public sealed class WatchHistoryWindowTests() : ApiServerTests(ApiServerFixture.WithFakeClock())
{

    [Fact]
    public void Default_WindowIsKubeApiserversEventFreshDuration()
    {
        Assert.Equal(TimeSpan.FromSeconds(75), new EmbeddedApiServerOptions().WatchHistoryWindow);
        Assert.Equal(TimeSpan.FromSeconds(75), EmbeddedApiServerOptions.DefaultWatchHistoryWindow);
    }

    [Fact]
    public async Task Watch_FromVersionOlderThanWindow_Gets410TooOldResourceVersion()
    {
        var start = await _client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct);
        await CreatePodAsync("p0");
        _time.Advance(TimeSpan.FromSeconds(76));
        await CreatePodAsync("p1");

        var status = await WatchErrorAsync(start.Metadata.ResourceVersion);

        Assert.Equal(410, status?.Code);
        Assert.Equal("Expired", status?.Reason);
        Assert.StartsWith("too old resource version: ", status?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_FromVersionInsideWindow_ReplaysTheEvents()
    {
        var start = await _client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct);
        await CreatePodAsync("p0");
        _time.Advance(TimeSpan.FromSeconds(74));

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(20));
        var events = _client.CoreV1.WatchListNamespacedPodAsync("default", resourceVersion: start.Metadata.ResourceVersion, cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal((WatchEventType.Added, "p0"), (events.Current.Item1, events.Current.Item2.Metadata.Name));
        await cts.CancelAsync();
        await QuietlyAsync(events.DisposeAsync().AsTask());
    }

    [Fact]
    public async Task Watch_FromLatestVersionAfterQuietWindow_IsNotExpired()
    {
        var last = await CreatePodAsync("p0");
        _time.Advance(TimeSpan.FromMinutes(10));

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(20));
        var events = _client.CoreV1.WatchListNamespacedPodAsync("default", resourceVersion: last.Metadata.ResourceVersion, cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        var next = events.MoveNextAsync();
        await CreatePodAsync("p1");

        Assert.True(await next);
        Assert.Equal((WatchEventType.Added, "p1"), (events.Current.Item1, events.Current.Item2.Metadata.Name));
        await cts.CancelAsync();
        await QuietlyAsync(events.DisposeAsync().AsTask());
    }

    [Fact]
    public async Task StartAsync_NonPositiveWindow_ThrowsNamingTheOption()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions { WatchHistoryWindow = TimeSpan.Zero }, Ct));

        Assert.Contains("WatchHistoryWindow", error.Message, StringComparison.Ordinal);
    }

    private async Task<V1Status?> WatchErrorAsync(string fromVersion)
    {
        Exception? error = null;
        await foreach (var _ in _client.CoreV1.WatchListNamespacedPodAsync("default", resourceVersion: fromVersion, onError: e => error = e, cancellationToken: Ct))
        {
            Assert.Fail("no event may be delivered from an expired resourceVersion");
        }

        return Assert.IsType<KubernetesException>(error).Status;
    }

    private Task<V1Pod> CreatePodAsync(string name) =>
        _client.CoreV1.CreateNamespacedPodAsync(EmbeddedApiServerTests.Pod(name, "nowhere"), "default", cancellationToken: Ct);

    private static async Task QuietlyAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // The watch was cancelled on purpose.
        }
    }
}

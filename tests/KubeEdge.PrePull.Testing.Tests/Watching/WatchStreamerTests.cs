using k8s;
using k8s.Models;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Testing.Tests.Watching;

/// <summary>Watches through KubernetesClient: resume from a resourceVersion, selectors, bookmarks and 410 Gone.</summary>
public sealed class WatchStreamerTests() : ApiServerTests(ApiServerFixture.WithFakeClock(o => o.WatchHistoryLimit = 5))
{
    [Fact]
    public async Task Watch_FromListResourceVersion_SeesAddedModifiedDeletedInOrder()
    {
        await CreatePodAsync("before");
        var list = await _client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(Eventually.Timeout);
        var events = _client.CoreV1.WatchListNamespacedPodAsync("default", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);

        await CreatePodAsync("after");
        await _client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.MergePatch), "after", "default", cancellationToken: Ct);
        await _client.CoreV1.DeleteNamespacedPodAsync("after", "default", cancellationToken: Ct);

        var seen = new List<(WatchEventType, string)>();
        while (seen.Count < 3 && await events.MoveNextAsync())
        {
            seen.Add((events.Current.Item1, events.Current.Item2.Metadata.Name));
        }

        Assert.Equal([(WatchEventType.Added, "after"), (WatchEventType.Modified, "after"), (WatchEventType.Deleted, "after")], seen);
        await cts.CancelAsync();
        await DisposeQuietlyAsync(events);
    }

    [Fact]
    public async Task Watch_LabelSelector_ObjectLeavingSelectionArrivesAsDeleted()
    {
        var list = await _client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(Eventually.Timeout);
        var events = _client.CoreV1.WatchListNamespacedPodAsync("default", labelSelector: "app=prepull", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);

        await CreatePodAsync("other");
        await CreatePodAsync("mine", new Dictionary<string, string> { ["app"] = "prepull" });
        await _client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"labels":{"app":"something-else"}}}""", V1Patch.PatchType.MergePatch), "mine", "default", cancellationToken: Ct);

        var seen = new List<(WatchEventType, string)>();
        while (seen.Count < 2 && await events.MoveNextAsync())
        {
            seen.Add((events.Current.Item1, events.Current.Item2.Metadata.Name));
        }

        Assert.Equal([(WatchEventType.Added, "mine"), (WatchEventType.Deleted, "mine")], seen);
        await cts.CancelAsync();
        await DisposeQuietlyAsync(events);
    }

    [Fact]
    public async Task Watch_ResourceVersionOlderThanHistory_ReportsExpired410()
    {
        var start = await _client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct);
        for (var i = 0; i < 8; i++)
        {
            await CreatePodAsync($"p{i}");
        }

        Exception? error = null;
        await foreach (var _ in _client.CoreV1.WatchListNamespacedPodAsync("default", resourceVersion: start.Metadata.ResourceVersion, onError: e => error = e, cancellationToken: Ct))
        {
            Assert.Fail("no event may be delivered from a compacted resourceVersion");
        }

        var status = Assert.IsType<KubernetesException>(error).Status;
        Assert.Equal(410, status.Code);
        Assert.Equal("Expired", status.Reason);
    }

    [Fact]
    public async Task Watch_AllowBookmarks_SendsBookmarkWithCurrentVersionWhenIdle()
    {
        var list = await _client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(Eventually.Timeout);
        var events = _client.CoreV1.WatchListNamespacedPodAsync("default", allowWatchBookmarks: true, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        var next = events.MoveNextAsync().AsTask();
        await CreatePodAsync("p");
        Assert.True(await next);
        Assert.Equal(WatchEventType.Added, events.Current.Item1);

        // Changes elsewhere move the store's version on; the idle watch learns it from the bookmark.
        await _client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "n" } }, cancellationToken: Ct);
        next = events.MoveNextAsync().AsTask();
        await Eventually.AdvanceUntilAsync(_time, EmbeddedApiServerOptions.DefaultBookmarkInterval, next, "the idle watch sends a bookmark");

        Assert.True(await next);
        Assert.Equal(WatchEventType.Bookmark, events.Current.Item1);
        Assert.Equal(_server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), events.Current.Item2.Metadata.ResourceVersion);
        await cts.CancelAsync();
        await DisposeQuietlyAsync(events);
    }

    [Fact]
    public async Task Watch_NoResourceVersion_StartsWithExistingObjectsAsAdded()
    {
        await CreatePodAsync("existing");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(Eventually.Timeout);
        var events = _client.CoreV1.WatchListNamespacedPodAsync("default", cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await events.MoveNextAsync());

        Assert.Equal((WatchEventType.Added, "existing"), (events.Current.Item1, events.Current.Item2.Metadata.Name));
        await cts.CancelAsync();
        await DisposeQuietlyAsync(events);
    }

    private Task<V1Pod> CreatePodAsync(string name, Dictionary<string, string>? labels = null)
    {
        var pod = EmbeddedApiServerTests.Pod(name, "nowhere");
        pod.Metadata.Labels = labels;
        return _client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Ct);
    }

    private static async Task DisposeQuietlyAsync(IAsyncEnumerator<(WatchEventType, V1Pod)> events)
    {
        try
        {
            await events.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // The watch was cancelled on purpose.
        }
    }
}

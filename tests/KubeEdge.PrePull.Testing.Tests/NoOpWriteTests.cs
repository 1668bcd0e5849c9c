using k8s;
using k8s.Models;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Testing.Tests;

/// <summary>A write that changes nothing is not a change: same resourceVersion, no MODIFIED event, as kube-apiserver.</summary>
public sealed class NoOpWriteTests() : ApiServerTests(new ApiServerFixture())
{

    [Fact]
    public async Task MergePatch_SameLabel_KeepsResourceVersionAndEmitsNoEvent()
    {
        var created = await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "ns1", Labels = new Dictionary<string, string> { ["a"] = "b" } } }, cancellationToken: Ct);
        var before = _server.ResourceVersion;

        var patched = await _client.CoreV1.PatchNamespaceAsync(new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.MergePatch), "ns1", cancellationToken: Ct);
        var statusPatched = await _client.CoreV1.PatchNamespaceStatusAsync(new V1Patch("{}", V1Patch.PatchType.MergePatch), "ns1", cancellationToken: Ct);

        Assert.Equal(created.Metadata.ResourceVersion, patched.Metadata.ResourceVersion);
        Assert.Equal(created.Metadata.ResourceVersion, statusPatched.Metadata.ResourceVersion);
        Assert.Equal(before, _server.ResourceVersion);
        await AssertOnlyEventAsync(created.Metadata.ResourceVersion, "ns2");
    }

    [Fact]
    public async Task Put_UnchangedObject_KeepsResourceVersionAndEmitsNoEvent()
    {
        var created = await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "ns1" } }, cancellationToken: Ct);

        var replaced = await _client.CoreV1.ReplaceNamespaceAsync(created, "ns1", cancellationToken: Ct);

        Assert.Equal(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
        await AssertOnlyEventAsync(created.Metadata.ResourceVersion, "ns2");
    }

    [Fact]
    public async Task MergePatch_RealChange_StillBumpsTheVersion()
    {
        var created = await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "ns1" } }, cancellationToken: Ct);

        var patched = await _client.CoreV1.PatchNamespaceAsync(new V1Patch("""{"metadata":{"labels":{"a":"c"}}}""", V1Patch.PatchType.MergePatch), "ns1", cancellationToken: Ct);

        Assert.NotEqual(created.Metadata.ResourceVersion, patched.Metadata.ResourceVersion);
    }

    // Watches from the version and creates a marker: the first event must be the marker's ADDED.
    private async Task AssertOnlyEventAsync(string fromVersion, string marker)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(20));
        var events = _client.CoreV1.WatchListNamespaceAsync(resourceVersion: fromVersion, cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        var first = events.MoveNextAsync();
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = marker } }, cancellationToken: Ct);
        Assert.True(await first);
        Assert.Equal((WatchEventType.Added, marker), (events.Current.Item1, events.Current.Item2.Metadata.Name));
        await cts.CancelAsync();
        try
        {
            await events.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
        }
    }
}

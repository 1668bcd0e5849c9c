using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Resources;
using KubeEdge.PrePull.Testing.Storage;
using KubeEdge.PrePull.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Testing.Tests.Storage;

/// <summary>Gets and lists read the store's snapshot, never its write lock (docs/design.md §3 "Lock-free reads").</summary>
public sealed class LockFreeReadTests
{
    private static readonly ResourceCatalog Catalog = new(CrdResourceLoader.LoadImagePrePullJobs());

    [Fact]
    public async Task GetAndList_WhileAWriteHoldsTheLock_ReturnTheLastCommittedState()
    {
        var store = new ObjectStore(new FakeTimeProvider(), new WatchHistoryPolicy(100, TimeSpan.FromMinutes(5)), Catalog.Namespaces);
        store.Create(Catalog.Namespaces, null, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "a" } });
        var created = store.Create(Catalog.Pods, "a", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = new JsonObject { ["name"] = "p1" } });
        var committedVersion = store.CurrentResourceVersion;
        using var inside = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);

        // The write holds the store's lock until released: its change function runs under it.
        var writer = Task.Run(() => store.Patch(Catalog.Pods, "a", "p1", pod =>
        {
            inside.Release();
            release.Wait(Eventually.Timeout);
            pod["metadata"]!["labels"] = new JsonObject { ["job"] = "j1" };
            return pod;
        }, statusOnly: false));
        Assert.True(await inside.WaitAsync(Eventually.Timeout, TestContext.Current.CancellationToken), "the write started");
        try
        {
            var read = Task.Run(() => (
                Pod: store.Get(Catalog.Pods, "a", "p1"),
                Listed: store.List(Catalog.Pods, "a", null, 0, null),
                Version: store.CurrentResourceVersion));

            Assert.True(await Task.WhenAny(read, Task.Delay(Eventually.Timeout, TestContext.Current.CancellationToken)) == read, "reads waited for the write lock");
            var (pod, listed, version) = await read;
            Assert.Same(created, pod);
            Assert.Equal([created], listed.Items);
            Assert.Equal(committedVersion, listed.ResourceVersion);
            Assert.Equal(committedVersion, version);
        }
        finally
        {
            release.Release();
        }

        await writer;
        Assert.Equal("j1", (string?)store.Get(Catalog.Pods, "a", "p1")["metadata"]!["labels"]!["job"]);
        Assert.Equal(committedVersion + 1, store.CurrentResourceVersion);
    }
}

using KubeEdge.PrePull.Runtime.Caching;
using KubeEdge.PrePull.Testing.Fleet;

namespace KubeEdge.PrePull.Runtime.Tests.Caching;

/// <summary>The first list (with pagination) and live changes, against the embedded API server.</summary>
public sealed class ListWatchCacheTests
{
    [Fact]
    public async Task RunAsync_ManyObjects_ListsEveryPageThenReportsEachOnceAsAdded()
    {
        await using var h = await CacheHarness.StartAsync();
        h.Server.Fleet.AddNodes(new NodeFleetOptions { Count = 1234 });
        var source = new RecordingSource<k8s.Models.V1Node>(new NodeSource(h.Client));

        var nodes = h.Run(source, new ListWatchCacheOptions { PageSize = 100 });
        await nodes.SyncedAsync();
        var events = await nodes.TakeAsync(1234);

        Assert.Equal(1234, nodes.Cache.Count);
        Assert.Equal(13, source.ListCalls.Count);
        Assert.Null(source.ListCalls[0]);
        Assert.All(source.ListCalls.Skip(1), token => Assert.False(string.IsNullOrEmpty(token)));
        Assert.All(events, e => Assert.Equal(CacheEventType.Added, e.Type));
        Assert.Equal(1234, events.Select(e => e.Key).Distinct().Count());
        Assert.True(nodes.Cache.TryGet("edge-node-1233", out var last));
        Assert.Equal("edge-node-1233", last.Metadata.Name);
        Assert.Equal(h.Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), nodes.Cache.ResourceVersion);
    }

    [Fact]
    public async Task RunAsync_AddUpdateDelete_ArriveAsEventsAndInTheStore()
    {
        await using var h = await CacheHarness.StartAsync();
        await Nodes.CreateAsync(h.Client, "before");
        var nodes = h.Run(new NodeSource(h.Client));
        await nodes.SyncedAsync();
        Assert.Equal((CacheEventType.Added, "before"), Describe(await nodes.NextAsync()));

        await Nodes.CreateAsync(h.Client, "n1");
        var added = await nodes.NextAsync();
        Assert.Equal((CacheEventType.Added, "n1"), Describe(added));
        Assert.Null(added.OldObject);
        Assert.True(nodes.Cache.TryGet("n1", out _));

        await Nodes.LabelAsync(h.Client, "n1", "zone", "a");
        var updated = await nodes.NextAsync();
        Assert.Equal((CacheEventType.Updated, "n1"), Describe(updated));
        Assert.Null(updated.OldObject!.Metadata.Labels);
        Assert.Equal("a", updated.Object!.Metadata.Labels["zone"]);
        Assert.True(nodes.Cache.TryGet("n1", out var cached));
        Assert.Equal("a", cached.Metadata.Labels["zone"]);

        await Nodes.DeleteAsync(h.Client, "n1");
        var deleted = await nodes.NextAsync();
        Assert.Equal((CacheEventType.Deleted, "n1"), Describe(deleted));
        Assert.Equal("a", deleted.OldObject!.Metadata.Labels["zone"]);
        Assert.False(nodes.Cache.TryGet("n1", out _));
        Assert.Equal(["before"], nodes.Cache.List().Select(n => n.Metadata.Name));
    }

    [Fact]
    public async Task RunAsync_Stopped_CompletesEventsAndCannotRunAgain()
    {
        await using var h = await CacheHarness.StartAsync();
        var nodes = h.Run(new NodeSource(h.Client));
        await nodes.SyncedAsync();

        await nodes.DisposeAsync();

        Assert.True(nodes.Run.IsCompletedSuccessfully);
        Assert.True(nodes.Cache.Events.Completion.IsCompleted);
        await Assert.ThrowsAsync<InvalidOperationException>(() => nodes.Cache.RunAsync(CancellationToken.None));
    }

    internal static (CacheEventType, string) Describe<T>(CacheEvent<T> e)
        where T : class => (e.Type, e.Key);
}

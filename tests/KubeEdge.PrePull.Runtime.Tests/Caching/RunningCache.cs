using k8s;
using k8s.Models;
using KubeEdge.PrePull.Runtime.Caching;

namespace KubeEdge.PrePull.Runtime.Tests.Caching;

/// <summary>A started <see cref="ListWatchCache{T}"/> and the reading side of its events.</summary>
#pragma warning disable CA1001 // The token source lives as long as the test; cancelling it is what disposal means here.
internal sealed class RunningCache<T> : IAsyncDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly CancellationTokenSource _stop = new();

    public RunningCache(ListWatchCache<T> cache)
    {
        Cache = cache;
        Run = Task.Run(() => cache.RunAsync(_stop.Token));
    }

    public ListWatchCache<T> Cache { get; }

    public Task Run { get; }

    public Task SyncedAsync() => Cache.WaitForSyncAsync(TestContext.Current.CancellationToken).WaitAsync(Eventually.Timeout);

    public async Task<CacheEvent<T>> NextAsync() =>
        await Cache.Events.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Eventually.Timeout);

    public async Task<List<CacheEvent<T>>> TakeAsync(int count)
    {
        var events = new List<CacheEvent<T>>();
        while (events.Count < count)
        {
            events.Add(await NextAsync());
        }

        return events;
    }

    /// <summary>Reads events up to the Added event of <paramref name="markerKey"/> and returns those before it.</summary>
    /// <remarks>A marker created after the changes under test bounds the stream: nothing missing, nothing extra.</remarks>
    public async Task<List<CacheEvent<T>>> TakeUntilAddedAsync(string markerKey, Func<string>? diagnostics = null)
    {
        var events = new List<CacheEvent<T>>();
        while (true)
        {
            CacheEvent<T> next;
            try
            {
                next = await NextAsync();
            }
            catch (TimeoutException)
            {
                Assert.Fail($"No Added event for {markerKey}; got [{string.Join(", ", events.Select(e => $"{e.Type} {e.Key}@{e.Object?.Metadata.ResourceVersion}"))}], cache at resourceVersion {Cache.ResourceVersion}. {diagnostics?.Invoke()}");
                throw;
            }

            if (next.Type == CacheEventType.Added && next.Key == markerKey)
            {
                return events;
            }

            events.Add(next);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        await Run.WaitAsync(Eventually.Timeout);
    }
}

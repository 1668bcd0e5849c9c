using k8s;
using k8s.Models;
using KubeEdge.PrePull.Runtime.Caching;
using KubeEdge.PrePull.Testing;
using KubeEdge.PrePull.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Caching;

/// <summary>An embedded API server with its own fake clock, a client, and a second fake clock for the caches.</summary>
internal sealed class CacheHarness : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _running = [];

    private readonly ApiServerFixture _api;

    private CacheHarness(ApiServerFixture api) => _api = api;

    public EmbeddedApiServer Server => _api.Server;

    /// <summary>The server's clock: bookmarks and delay faults.</summary>
    public FakeTimeProvider ServerTime => _api.Time!;

    /// <summary>The caches' clock: backoff delays.</summary>
    public FakeTimeProvider CacheTime { get; } = new();

    public Kubernetes Client => _api.Client;

    public CapturingLogger Logger { get; } = new();

    public static async Task<CacheHarness> StartAsync(Action<EmbeddedApiServerOptions>? configure = null)
    {
        var api = ApiServerFixture.WithFakeClock(configure);
        await api.InitializeAsync();
        return new CacheHarness(api);
    }

    /// <summary>Starts a cache on <see cref="CacheTime"/> and <see cref="Logger"/>; it stops when the harness is disposed.</summary>
    public RunningCache<T> Run<T>(IListWatchSource<T> source, ListWatchCacheOptions? options = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var running = new RunningCache<T>(new ListWatchCache<T>(source, CacheTime, Logger, options));
        _running.Add(running);
        return running;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var running in _running)
        {
            await running.DisposeAsync();
        }

        await _api.DisposeAsync();
    }
}

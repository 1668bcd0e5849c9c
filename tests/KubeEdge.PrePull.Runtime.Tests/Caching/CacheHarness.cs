using k8s;
using k8s.Models;
using KubeEdge.PrePull.Runtime.Caching;
using KubeEdge.PrePull.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Caching;

/// <summary>An embedded API server with its own fake clock, a client, and a second fake clock for the caches.</summary>
internal sealed class CacheHarness : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _running = [];

    private CacheHarness(EmbeddedApiServer server, FakeTimeProvider serverTime)
    {
        Server = server;
        ServerTime = serverTime;
        Client = server.CreateClient();
    }

    public EmbeddedApiServer Server { get; }

    /// <summary>The server's clock: bookmarks and delay faults.</summary>
    public FakeTimeProvider ServerTime { get; }

    /// <summary>The caches' clock: backoff delays.</summary>
    public FakeTimeProvider CacheTime { get; } = new();

    public Kubernetes Client { get; }

    public CapturingLogger Logger { get; } = new();

    public static async Task<CacheHarness> StartAsync(Action<EmbeddedApiServerOptions>? configure = null)
    {
        var time = new FakeTimeProvider();
        var options = new EmbeddedApiServerOptions { TimeProvider = time };
        configure?.Invoke(options);
        return new CacheHarness(await EmbeddedApiServer.StartAsync(options, TestContext.Current.CancellationToken), time);
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

        Client.Dispose();
        await Server.DisposeAsync();
    }
}

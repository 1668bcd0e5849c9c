using BenchmarkDotNet.Attributes;
using k8s;
using KubeEdge.PrePull.Testing;
using KubeEdge.PrePull.Testing.Fleet;

namespace KubeEdge.PrePull.Benchmarks;

/// <summary>
/// The embedded API server's fleet: registering N simulated edge nodes, and listing them back over HTTP with
/// KubernetesClient in pages of 500 (what a controller does at start). Goal: 10,000 nodes in a few seconds.
/// </summary>
[MemoryDiagnoser]
public class FleetBenchmark
{
    private EmbeddedApiServer _server = null!;
    private Kubernetes _client = null!;

    /// <summary>Fleet size.</summary>
    [Params(1_000, 10_000)]
    public int Nodes { get; set; }

    /// <summary>A fresh server per iteration, so every iteration loads the same fleet.</summary>
    [IterationSetup]
    public void StartServer()
    {
        _server = EmbeddedApiServer.StartAsync().GetAwaiter().GetResult();
        _client = _server.CreateClient();
    }

    /// <summary>Stops the iteration's server.</summary>
    [IterationCleanup]
    public void StopServer()
    {
        _client.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Registers the fleet in the store.</summary>
    /// <returns>The node count.</returns>
    [Benchmark(Baseline = true)]
    public int AddNodes() => _server.Fleet.AddNodes(new NodeFleetOptions { Count = Nodes }).Count;

    /// <summary>Registers the fleet, then lists it over HTTP in pages of 500.</summary>
    /// <returns>The node count listed.</returns>
    [Benchmark]
    public async Task<int> AddNodesThenListPaged()
    {
        _server.Fleet.AddNodes(new NodeFleetOptions { Count = Nodes });
        var count = 0;
        string? next = null;
        do
        {
            var page = await _client.CoreV1.ListNodeAsync(limit: 500, continueParameter: next);
            count += page.Items.Count;
            next = page.Metadata.ContinueProperty;
        }
        while (next is not null);

        return count;
    }
}

using System.Security.Cryptography;
using k8s;
using KubeEdge.PrePull.Testing;
using KubeEdge.PrePull.Testing.Fleet;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>Where the demo's job runs: the embedded API server with a simulated fleet, or a real cluster.</summary>
internal sealed class DemoTarget : IAsyncDisposable
{
    private DemoTarget(KubernetesClientConfiguration configuration, EmbeddedApiServer? server, string jobName, string description)
    {
        Configuration = configuration;
        Server = server;
        JobName = jobName;
        Description = description;
    }

    public KubernetesClientConfiguration Configuration { get; }

    /// <summary>The embedded server, or <see langword="null"/> on a real cluster.</summary>
    public EmbeddedApiServer? Server { get; }

    public string JobName { get; }

    /// <summary>One line saying what the job runs against.</summary>
    public string Description { get; }

    /// <summary>Starts the embedded server and registers the fleet: edge nodes round-robin over the regions, the last few NotReady, plus some non-edge nodes.</summary>
    public static async Task<DemoTarget> StartEmbeddedAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        var server = await EmbeddedApiServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var notReady = DemoScenario.NotReadyNodes(settings.Nodes);
        var edge = new NodeFleetOptions { Count = settings.Nodes, NotReadyCount = notReady };
        foreach (var region in DemoScenario.Regions)
        {
            edge.Regions.Add(region);
        }

        server.Fleet.AddNodes(edge);
        server.Fleet.AddNodes(new NodeFleetOptions { Count = DemoScenario.NonEdgeNodes, EdgeRole = false, NamePrefix = DemoScenario.NonEdgeNamePrefix });
        server.Fleet.Puller = new SimulatedRegistryPuller(settings.Seed, settings.FailureRate, TimeProvider.System);
        var description = $"embedded API server {server.Uri} with {settings.Nodes} edge nodes in {DemoScenario.Regions.Count} regions "
            + $"({notReady} NotReady) and {DemoScenario.NonEdgeNodes} non-edge nodes; simulated pulls "
            + $"{SimulatedRegistryPuller.MinLatencyMilliseconds}-{SimulatedRegistryPuller.MaxLatencyMilliseconds} ms, "
            + $"failure rate {settings.FailureRate:0.###}, seed {settings.Seed}";
        return new DemoTarget(server.CreateClientConfiguration(), server, DemoScenario.JobName, description);
    }

    /// <summary>A real cluster from a kubeconfig; the job gets a unique name so runs do not collide.</summary>
    public static DemoTarget Connect(string kubeconfig)
    {
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        var name = DemoScenario.JobName + "-" + RandomNumberGenerator.GetHexString(6, lowercase: true);
        return new DemoTarget(configuration, null, name, $"cluster {configuration.Host} from {kubeconfig} (its own nodes and registries)");
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync().ConfigureAwait(false);
        }
    }
}

using System.Security.Cryptography;
using k8s;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Testing;
using KubeEdge.PrePull.Testing.Fleet;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>
/// Where the demo's job runs: the embedded API server with a simulated fleet (whose pulls are simulated, or real
/// through a runtime from the demo's own registries), or a real cluster.
/// </summary>
internal sealed class DemoTarget : IAsyncDisposable
{
    private readonly IImagePuller? _realPuller;
    private readonly DemoRegistries? _registries;

    private DemoTarget(KubernetesClientConfiguration configuration, EmbeddedApiServer? server, string jobName, string description, DemoScenario scenario, IImagePuller? realPuller = null, DemoRegistries? registries = null)
    {
        Configuration = configuration;
        Server = server;
        JobName = jobName;
        Description = description;
        Scenario = scenario;
        _realPuller = realPuller;
        _registries = registries;
    }

    public KubernetesClientConfiguration Configuration { get; }

    /// <summary>The embedded server, or <see langword="null"/> on a real cluster.</summary>
    public EmbeddedApiServer? Server { get; }

    public string JobName { get; }

    /// <summary>One line saying what the job runs against.</summary>
    public string Description { get; }

    /// <summary>The registries, images and secrets the job uses.</summary>
    public DemoScenario Scenario { get; }

    /// <summary>
    /// Starts the embedded server and registers the fleet: edge nodes round-robin over the regions, the last few
    /// NotReady, plus some non-edge nodes. With <see cref="DemoSettings.Runtime"/> the runtime is probed first and the
    /// demo's registries are started with <paramref name="passwords"/>, so nothing is left running when either fails.
    /// </summary>
    /// <param name="settings">The options.</param>
    /// <param name="passwords">The password of each of the scenario's accounts, in order.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<DemoTarget> StartEmbeddedAsync(DemoSettings settings, IReadOnlyList<string> passwords, CancellationToken cancellationToken)
    {
        if (settings.Runtime is { } runtime)
        {
            return await StartWithRuntimeAsync(settings, runtime, passwords, cancellationToken).ConfigureAwait(false);
        }

        var server = await StartFleetAsync(settings, cancellationToken).ConfigureAwait(false);
        server.Fleet.Puller = new SimulatedRegistryPuller(settings.Seed, settings.FailureRate, TimeProvider.System, [DemoScenario.Simulated.MissingMirrorImage]);
        var description = $"{FleetDescription(server, settings)}; simulated pulls "
            + $"{SimulatedRegistryPuller.MinLatencyMilliseconds}-{SimulatedRegistryPuller.MaxLatencyMilliseconds} ms, "
            + $"failure rate {settings.FailureRate:0.###}, seed {settings.Seed}";
        return new DemoTarget(server.CreateClientConfiguration(), server, DemoScenario.JobName, description, DemoScenario.Simulated);
    }

    /// <summary>A real cluster from a kubeconfig; the job gets a unique name so runs do not collide.</summary>
    public static DemoTarget Connect(string kubeconfig)
    {
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        var name = DemoScenario.JobName + "-" + RandomNumberGenerator.GetHexString(6, lowercase: true);
        return new DemoTarget(configuration, null, name, $"cluster {configuration.Host} from {kubeconfig} (its own nodes and registries)", DemoScenario.Simulated);
    }

    public async ValueTask DisposeAsync()
    {
        // The server (and its kubelets) first, so no pull is under way when the registries and the runtime client go.
        if (Server is not null)
        {
            await Server.DisposeAsync().ConfigureAwait(false);
        }

        (_realPuller as IDisposable)?.Dispose();
        if (_registries is not null)
        {
            await _registries.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<DemoTarget> StartWithRuntimeAsync(DemoSettings settings, RealRuntime runtime, IReadOnlyList<string> passwords, CancellationToken cancellationToken)
    {
        var (puller, version) = await runtime.ConnectAsync(cancellationToken).ConfigureAwait(false);
        DemoRegistries? registries = null;
        try
        {
            registries = await DemoRegistries.StartAsync(passwords, cancellationToken).ConfigureAwait(false);
            var server = await StartFleetAsync(settings, cancellationToken).ConfigureAwait(false);
            server.Fleet.Puller = puller;
            var description = $"{FleetDescription(server, settings)}; real pulls through {version} at {runtime.Socket} from {registries.Description}";
            return new DemoTarget(server.CreateClientConfiguration(), server, DemoScenario.JobName, description, registries.Scenario, puller, registries);
        }
        catch
        {
            (puller as IDisposable)?.Dispose();
            if (registries is not null)
            {
                await registries.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private static async Task<EmbeddedApiServer> StartFleetAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        var server = await EmbeddedApiServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var notReady = DemoScenario.NotReadyNodes(settings.Nodes, settings.DeadlineSeconds is not null);
        var edge = new NodeFleetOptions { Count = settings.Nodes, NotReadyCount = notReady };
        foreach (var region in DemoScenario.Regions)
        {
            edge.Regions.Add(region);
        }

        server.Fleet.AddNodes(edge);
        server.Fleet.AddNodes(new NodeFleetOptions { Count = DemoScenario.NonEdgeNodes, EdgeRole = false, NamePrefix = DemoScenario.NonEdgeNamePrefix });
        return server;
    }

    private static string FleetDescription(EmbeddedApiServer server, DemoSettings settings) =>
        $"embedded API server {server.Uri} with {settings.Nodes} edge nodes in {DemoScenario.Regions.Count} regions "
        + $"({DemoScenario.NotReadyNodes(settings.Nodes, settings.DeadlineSeconds is not null)} NotReady) and {DemoScenario.NonEdgeNodes} non-edge nodes";
}

using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.DependencyInjection;
using KubeEdge.PrePull.Runtime.Pulling;
using KubeEdge.PrePull.Runtime.Tests.Controller;
using KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;
using KubeEdge.PrePull.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>
/// The embedded API server (through <see cref="ControllerCluster"/>) plus edge-agent hosts built the way users build
/// them (<c>AddImagePrePullAgent(node).UseKubernetes(...).AddCriPuller(socket)</c>, or <c>AddDockerPuller</c>; from a
/// client configuration unless the test counts requests) on a
/// real containerd or dockerd. No
/// controller runs: the test plays it, creating nodes, secrets and jobs and setting entries InProgress itself.
/// </summary>
internal sealed class AgentCluster : IAsyncDisposable
{
    private readonly Action<IImagePrePullAgentBuilder> _backend;
    private readonly string? _containerdSocket;
    private readonly List<IHost> _hosts = [];

    private AgentCluster(ControllerCluster cluster, Action<IImagePrePullAgentBuilder> backend, string? containerdSocket)
    {
        Cluster = cluster;
        _backend = backend;
        _containerdSocket = containerdSocket;
    }

    public ControllerCluster Cluster { get; }

    public Kubernetes Client => Cluster.Client;

    /// <summary>Agents pull through the fixture's containerd (CRI).</summary>
    public static async Task<AgentCluster> StartAsync(CriFixture cri, EmbeddedApiServerOptions? options = null) =>
        new(await ControllerCluster.StartAsync(options), b => b.AddCriPuller(cri.Containerd.SocketPath, o => o.PullTimeout = TimeSpan.FromMinutes(1)), cri.Containerd.SocketPath);

    /// <summary>Agents pull through the fixture's Docker Engine.</summary>
    public static async Task<AgentCluster> StartAsync(DockerFixture docker) =>
        new(await ControllerCluster.StartAsync(), b => b.AddDockerPuller(docker.Docker.SocketPath, o => o.PullTimeout = TimeSpan.FromMinutes(1)), null);

    /// <summary>Starts an agent host for <paramref name="node"/>; stopped on dispose unless the test stops it first.</summary>
    public async Task<IHost> StartAgentAsync(string node, PullLog? pulls = null, RequestCounter? requests = null, Action<ImagePrePullAgentOptions>? configure = null)
    {
        var host = BuildAgent(node, pulls, requests, configure);
        await StartAsync(host);
        return host;
    }

    /// <summary>Starts a host from <see cref="BuildAgent"/>; it is stopped on dispose unless the test stops it first.</summary>
    public async Task StartAsync(IHost host)
    {
        await host.StartAsync(ControllerCluster.Ct);
        _hosts.Add(host);
    }

    /// <summary>Builds an agent host without starting it (to attach listeners to its services first).</summary>
    public IHost BuildAgent(string node, PullLog? pulls = null, RequestCounter? requests = null, Action<ImagePrePullAgentOptions>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(Cluster.Logs).SetMinimumLevel(LogLevel.Trace);
        var agent = builder.Services.AddImagePrePullAgent(node, configure);

        // Without a request counter the agent connects as a default agent does, from a client configuration on its own
        // connection (no Kubernetes client); a counter needs a client's handler chain.
        _backend(requests is null ? agent.UseKubernetes(Cluster.Api.Server.CreateClientConfiguration()) : agent.UseKubernetes(_ => Cluster.Api.CreateClient(requests)));
        if (pulls is not null)
        {
            var real = builder.Services.Single(d => d.ServiceType == typeof(IJobPullerFactory)).ImplementationFactory!;
            builder.Services.Replace(ServiceDescriptor.Singleton(sp => pulls.Wrap((IJobPullerFactory)real(sp))));
        }

        return builder.Build();
    }

    public async Task StopAsync(IHost host)
    {
        await host.StopAsync(ControllerCluster.Ct);
        host.Dispose();
        _hosts.Remove(host);
    }

    public Task CreateNodeAsync(string name, params (string Key, string Value)[] labels) =>
        Client.CoreV1.CreateNodeAsync(
            new V1Node
            {
                ApiVersion = "v1",
                Kind = "Node",
                Metadata = new V1ObjectMeta { Name = name, Labels = labels.ToDictionary(l => l.Key, l => l.Value) },
            },
            cancellationToken: ControllerCluster.Ct);

    /// <summary>Creates a job and, playing the controller, sets it InProgress with the given entries.</summary>
    public async Task CreateDispatchedJobAsync(ImagePrePullJob job, params (string Node, string Phase)[] entries)
    {
        await Cluster.CreateJobAsync(job);
        await SetStatusAsync(job.Metadata.Name, JobPhases.InProgress, entries);
    }

    /// <summary>
    /// Like <see cref="CreateDispatchedJobAsync"/> for a job the CRD's schema rejects (as another writer or version skew
    /// can leave one behind): stored past the server's schema check.
    /// </summary>
    public async Task CreateDispatchedInvalidJobAsync(ImagePrePullJob job, params (string Node, string Phase)[] entries)
    {
        Cluster.Server.CreateUnvalidated(KubernetesJson.Serialize(job));
        await SetStatusAsync(job.Metadata.Name, JobPhases.InProgress, entries);
    }

    /// <summary>Sets the job's phase and its whole <c>nodeStatus</c> (entries with only a name and a phase), as a controller write would.</summary>
    public Task SetStatusAsync(string job, string phase, params (string Node, string Phase)[] entries)
    {
        var nodes = new JsonArray();
        foreach (var (node, nodePhase) in entries)
        {
            nodes.Add(new JsonObject { ["nodeName"] = node, ["phase"] = nodePhase });
        }

        var patch = new JsonObject { ["status"] = new JsonObject { ["phase"] = phase, ["nodeStatus"] = nodes } };
        return Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
            ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, job, cancellationToken: ControllerCluster.Ct);
    }

    /// <summary>This node's entry as the server has it now.</summary>
    public async Task<ImagePrePullNodeTaskStatus?> EntryAsync(string job, string node) =>
        (await Cluster.GetJobAsync(job))?.Status?.NodeStatus?.SingleOrDefault(e => e.NodeName == node);

    /// <summary>Waits until the node's entry is terminal and returns it.</summary>
    public async Task<ImagePrePullNodeTaskStatus> WaitForEntryAsync(string job, string node)
    {
        var result = await Cluster.WaitForJobAsync(
            job,
            j => j.Status?.NodeStatus?.SingleOrDefault(e => e.NodeName == node)?.Phase is { } phase && NodeTaskPhases.IsTerminal(phase),
            $"has a terminal entry for {node}");
        return result.Status!.NodeStatus!.Single(e => e.NodeName == node);
    }

    /// <summary>The log lines of every host so far.</summary>
    public IReadOnlyList<Microsoft.Extensions.Logging.Testing.FakeLogRecord> Logs => Cluster.Logs.Collector.GetSnapshot();

    /// <summary>Whether containerd (in the CRI plugin's namespace) has <paramref name="image"/>; CRI agents only.</summary>
    public async Task<bool> HasImageAsync(string image)
    {
        var socket = _containerdSocket ?? throw new InvalidOperationException("The agents of this cluster do not pull through containerd's CRI.");
        var ctr = TestSupport.Daemons.Find("ctr") ?? "ctr";
        var run = await TestSupport.ProcessRun.RunAsync(ctr, "--address", socket, "--namespace", "k8s.io", "images", "ls", "-q");
        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(image, StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.ToArray())
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        }

        await Cluster.DisposeAsync();
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Tests.Controller;
using KubeEdge.PrePull.Testing.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>
/// The whole product at N nodes: the embedded API server with N simulated kubelets (instant pulls) in a child process
/// (<see cref="FleetServerProcess"/>), and the real controller built as users build it
/// (<c>AddImagePrePull().UseKubernetes(...).AddPodApplyPuller()</c>, default options but leader election off) in a
/// generic host in this process, so this process's CPU, allocation, GC pauses, exceptions and memory are the
/// controller's. One job of 2 images over every edge node.
/// </summary>
internal static class EndToEndFleetRun
{
    public const int Concurrency = 500;
    public const string JobName = "fleet-scaling";
    public const int WarmUpNodes = 2_000;
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>A small point whose result is dropped, so the first measured point does not pay for JIT compilation.</summary>
    public static async Task WarmUpAsync() => await MeasureAsync(WarmUpNodes, TimeSpan.FromMinutes(5));

    public static async Task<ScalingPoint> MeasureAsync(int nodeCount, TimeSpan limit)
    {
        var setup = Stopwatch.StartNew();
        await using var server = FleetServerProcess.Start(nodeCount);

        // Earlier points (in process, smaller end-to-end ones) leave free but committed heap: give it back first, so
        // the peak working set read for this point is the controller's. The controller's start (its node cache
        // lists every node) is inside the memory window, not the cost window.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var probe = await MemoryProbe.StartAsync();
        var wire = new RequestCounter();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddImagePrePull(o => o.LeaderElectionEnabled = false)
            .UseKubernetes(_ => new Kubernetes(new KubernetesClientConfiguration { Host = server.Uri }, wire))
            .AddPodApplyPuller();
        using var host = builder.Build();
        await host.StartAsync();
        setup.Stop();

        // The benchmark's own client is not counted: only the controller's traffic is.
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = server.Uri });
        await server.BeginAsync();
        var cost = ProcessCostProbe.Start(countExceptions: true);
        var clock = Stopwatch.StartNew();
        await client.CustomObjects.CreateClusterCustomObjectAsync(Job(), ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural);
        (string? Phase, int Successful) status = default;
        while (clock.Elapsed < limit)
        {
            await Task.Delay(PollEvery);
            status = await ReadPhaseAsync(client);
            if (status.Phase is JobPhases.Completed or JobPhases.Failure)
            {
                break;
            }
        }

        clock.Stop();
        var controller = cost.Stop();
        var traffic = new WireReading(wire.Total, wire.StatusWrites, new Dictionary<string, int>(wire.Counts, StringComparer.Ordinal));
        await host.StopAsync();
        var memory = await probe.StopAsync();
        var serverReading = await server.StopAsync();

        var phase = status.Phase ?? "(no status)";
        var outcome = phase is JobPhases.Completed or JobPhases.Failure
            ? phase
            : string.Create(CultureInfo.InvariantCulture, $"not finished after {limit.TotalSeconds:F0} s ({phase})");
        var detail = string.Create(CultureInfo.InvariantCulture, $"setup (server process, {nodeCount:N0} nodes, controller) {setup.Elapsed.TotalSeconds:F1} s");
        return new ScalingPoint("end-to-end", nodeCount, clock.Elapsed, memory, status.Successful, outcome, detail, traffic, controller, serverReading);
    }

    /// <summary>
    /// The job's phase and successful count, read from the stream into a pooled document: this poll runs in the
    /// controller's process, and a typed read of a 100,000-node job's status (a few MB, read four times a second)
    /// would count as the controller's allocation.
    /// </summary>
    private static async Task<(string? Phase, int Successful)> ReadPhaseAsync(Kubernetes client)
    {
        var uri = new Uri(client.BaseUri, $"apis/{ImagePrePullJobNames.Group}/{ImagePrePullJobNames.V1Alpha2}/{ImagePrePullJobNames.Plural}/{JobName}");
        using var response = await client.HttpClient.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        using var document = await JsonDocument.ParseAsync(body);
        if (!document.RootElement.TryGetProperty("status", out var jobStatus) || jobStatus.ValueKind != JsonValueKind.Object)
        {
            return (null, 0);
        }

        var phase = jobStatus.TryGetProperty("phase", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var successful = jobStatus.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Object
            && summary.TryGetProperty("successful", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 0;
        return (phase, successful);
    }

    private static ImagePrePullJob Job() => new()
    {
        ApiVersion = ImagePrePullJobNames.GroupVersionV1Alpha2,
        Kind = ImagePrePullJobNames.Kind,
        Metadata = new V1ObjectMeta { Name = JobName },
        Spec = new ImagePrePullJobSpec
        {
            ImagePrePullTemplate = new ImagePrePullTemplate
            {
                Images = ["nginx:1.27", "registry.example.org/edge/agent:2"],
                LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [NodeFleetOptions.EdgeRoleLabel] = string.Empty } },
                Concurrency = Concurrency,
            },
        },
    };
}

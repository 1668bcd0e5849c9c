using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Tests.Controller;
using KubeEdge.PrePull.Testing;
using KubeEdge.PrePull.Testing.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>
/// The whole product at N nodes: the embedded API server with N simulated kubelets (instant pulls), and the real
/// controller built as users build it (<c>AddImagePrePull().UseKubernetes(...).AddPodApplyPuller()</c>, default
/// options but leader election off) in a generic host in this process. One job of 2 images over every edge node.
/// </summary>
internal static class EndToEndFleetRun
{
    public const int Concurrency = 500;
    public const string JobName = "fleet-scaling";
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    public static async Task<ScalingPoint> MeasureAsync(int nodeCount, TimeSpan limit)
    {
        var probe = await MemoryProbe.StartAsync();
        var setup = Stopwatch.StartNew();
        await using var server = await EmbeddedApiServer.StartAsync();
        var fleet = new NodeFleetOptions { Count = nodeCount };
        fleet.Regions.Add("north");
        fleet.Regions.Add("south");
        server.Fleet.AddNodes(fleet);

        var wire = new RequestCounter();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddImagePrePull(o => o.LeaderElectionEnabled = false)
            .UseKubernetes(_ => new Kubernetes(server.CreateClientConfiguration(), wire))
            .AddPodApplyPuller();
        using var host = builder.Build();
        await host.StartAsync();
        setup.Stop();

        // The benchmark's own client is not counted: only the controller's traffic is.
        using var client = server.CreateClient();
        var clock = Stopwatch.StartNew();
        await client.CustomObjects.CreateClusterCustomObjectAsync(Job(), ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural);
        ImagePrePullJobStatus? status = null;
        while (clock.Elapsed < limit)
        {
            await Task.Delay(PollEvery);
            var json = await client.CustomObjects.GetClusterCustomObjectAsync(ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, JobName);
            status = KubernetesJson.Deserialize<ImagePrePullJob>(KubernetesJson.Serialize(json)).Status;
            if (status?.Phase is JobPhases.Completed or JobPhases.Failure)
            {
                break;
            }
        }

        clock.Stop();
        var traffic = new WireReading(wire.Total, wire.StatusWrites, new Dictionary<string, int>(wire.Counts, StringComparer.Ordinal));
        await host.StopAsync();
        var memory = await probe.StopAsync();
        GC.KeepAlive(server);

        var phase = status?.Phase ?? "(no status)";
        var outcome = phase is JobPhases.Completed or JobPhases.Failure
            ? phase
            : string.Create(CultureInfo.InvariantCulture, $"not finished after {limit.TotalSeconds:F0} s ({phase})");
        var detail = string.Create(CultureInfo.InvariantCulture, $"setup (server, {nodeCount:N0} nodes, controller) {setup.Elapsed.TotalSeconds:F1} s; concurrency {Concurrency}");
        return new ScalingPoint("end-to-end", nodeCount, clock.Elapsed, memory, status?.Summary?.Successful ?? 0, outcome, detail, traffic);
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

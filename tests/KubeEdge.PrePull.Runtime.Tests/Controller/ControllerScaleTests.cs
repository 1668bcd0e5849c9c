using System.Text;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Jobs;
using KubeEdge.PrePull.Runtime.Options;
using KubeEdge.PrePull.Testing;
using KubeEdge.PrePull.TestSupport;
using KubeEdge.PrePull.Testing.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// A 2,000-node job on simulated kubelets through the PodApply backend: API requests per node and status writes per
/// second, counted on the wire. The numbers go to the test output (and the issue note); the test holds the limits
/// a user would notice: one status write per flush interval, and a bounded number of requests per node.
/// </summary>
public sealed class ControllerScaleTests
{
    private const int Nodes = 2_000;

    [Fact]
    public async Task TwoThousandNodes_RequestsPerNodeAndStatusWritesStayBounded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ApiServerFixture.StartAsync();
        var (server, client) = cluster;
        var fleet = new NodeFleetOptions { Count = Nodes };
        fleet.Regions.Add("north");
        fleet.Regions.Add("south");
        server.Fleet.AddNodes(fleet);
        var counter = new RequestCounter();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddImagePrePull(o => o.LeaderElectionEnabled = false)
            .UseKubernetes(_ => cluster.CreateClient(counter))
            .AddPodApplyPuller();
        using var host = builder.Build();
        await host.StartAsync(ct);
        var job = new ImagePrePullJob
        {
            ApiVersion = ImagePrePullJobNames.GroupVersionV1Alpha2,
            Kind = ImagePrePullJobNames.Kind,
            Metadata = new V1ObjectMeta { Name = "fleet" },
            Spec = new ImagePrePullJobSpec
            {
                ImagePrePullTemplate = new ImagePrePullTemplate
                {
                    Images = ["nginx:1.27", "registry.example.org/edge/agent:2"],
                    LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [NodeFleetOptions.EdgeRoleLabel] = string.Empty } },
                    Concurrency = 200,
                },
            },
        };

        var started = TimeProvider.System.GetTimestamp();
        var jobs = new ImagePrePullJobClient(client);
        await jobs.CreateAsync(job, ct);
        ImagePrePullJob? current = null;
        await ControllerCluster.UntilAsync(
            async () =>
            {
                current = await jobs.GetAsync("fleet", ct);
                return current?.Status?.Phase is JobPhases.Completed or JobPhases.Failure;
            },
            () => "the 2,000-node job finishes; status: " + KubernetesJson.Serialize(current?.Status?.Summary));
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        await host.StopAsync(ct);

        Assert.Equal(JobPhases.Completed, current!.Status!.Phase);
        Assert.Equal(Nodes, current.Status.Summary!.Successful);
        var statusWrites = counter.StatusWrites;
        var perSecond = statusWrites / elapsed.TotalSeconds;
        var perNode = (double)counter.Total / Nodes;
        var report = new StringBuilder()
            .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"2,000 nodes x 2 images, concurrency 200, flush interval {ImagePrePullOptions.DefaultStatusFlushIntervalText}: {elapsed.TotalSeconds:F1} s")
            .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"requests: {counter.Total} ({perNode:F2} per node); status writes: {statusWrites} ({perSecond:F2} per second)");
        foreach (var (key, count) in counter.Counts.OrderByDescending(p => p.Value))
        {
            report.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {key,-36} {count,7} ({(double)count / Nodes:F3} per node)");
        }

        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());

        // One write per flush interval while running, plus the first (InProgress) and the final one.
        Assert.True(statusWrites <= Math.Ceiling(elapsed.TotalSeconds) + 3, report.ToString());

        // Per node: read the node (disk check), create the pod, list + watch it, delete it = 5; one spare for the
        // occasional re-opened watch on a loaded machine.
        Assert.True(perNode <= 6, report.ToString());
    }
}

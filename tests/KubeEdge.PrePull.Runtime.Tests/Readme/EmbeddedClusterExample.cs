using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Jobs;
using KubeEdge.PrePull.Testing;
using KubeEdge.PrePull.Testing.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Runtime.Tests.Readme;

public sealed class EmbeddedClusterExample
{
    [Fact]
    public async Task Job_OnASimulatedFleet_Completes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await EmbeddedApiServer.StartAsync(cancellationToken: ct); // API server + CRD, on loopback
        server.Fleet.AddNodes(new NodeFleetOptions { Count = 20 });                        // 20 edge nodes, simulated kubelets

        var builder = Host.CreateApplicationBuilder();                                      // the real controller
        builder.Services.AddImagePrePull(o => o.LeaderElectionEnabled = false)
            .UseKubernetes(server.CreateClientConfiguration())
            .AddPodApplyPuller();
        using var host = builder.Build();
        await host.StartAsync(ct);

        var jobs = host.Services.GetRequiredService<IImagePrePullJobClient>();
        await jobs.CreateAsync(new ImagePrePullJob
        {
            Metadata = new V1ObjectMeta { Name = "warm-nginx" },
            Spec = new()
            {
                ImagePrePullTemplate = new()
                {
                    Images = ["nginx:1.27"],
                    LabelSelector = new() { MatchLabels = new Dictionary<string, string> { [NodeFleetOptions.EdgeRoleLabel] = "" } },
                    Concurrency = 5,
                },
            },
        }, ct);
        var done = await jobs.WaitForCompletionAsync("warm-nginx", cancellationToken: ct);

        Assert.True(done.Status!.Phase == JobPhases.Completed, done.Status.Reason);
        Assert.Equal(20, done.Status.Summary!.Successful);
        await host.StopAsync(ct);
    }
}

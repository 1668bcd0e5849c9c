using System.Globalization;
using System.Text;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Jobs;
using KubeEdge.PrePull.Testing.Fleet;
using KubeEdge.PrePull.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// A controller with the PodApply backend on an embedded server with a fleet of simulated nodes, its client's
/// requests counted on the wire, so a test reads the API traffic a job costs whatever the machine's speed.
/// </summary>
internal sealed class CountedPodApplyRun : IAsyncDisposable
{
    private readonly ApiServerFixture _cluster;
    private readonly IHost _host;

    private CountedPodApplyRun(ApiServerFixture cluster, IHost host, RequestCounter counter)
    {
        _cluster = cluster;
        _host = host;
        Counter = counter;
    }

    /// <summary>Every request of the controller's client, by verb and resource.</summary>
    public RequestCounter Counter { get; }

    public static async Task<CountedPodApplyRun> StartAsync(NodeFleetOptions fleet)
    {
        var cluster = await ApiServerFixture.StartAsync();
        cluster.Server.Fleet.AddNodes(fleet);
        var counter = new RequestCounter();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddImagePrePull(o => o.LeaderElectionEnabled = false)
            .UseKubernetes(_ => cluster.CreateClient(counter))
            .AddPodApplyPuller();
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new CountedPodApplyRun(cluster, host, counter);
    }

    /// <summary>Creates the job (through the test's own client, not counted) and waits until it is Completed or Failure.</summary>
    public async Task<ImagePrePullJob> RunToEndAsync(ImagePrePullJob job)
    {
        var ct = TestContext.Current.CancellationToken;
        var jobs = new ImagePrePullJobClient(_cluster.Client);
        await jobs.CreateAsync(job, ct);
        ImagePrePullJob? current = null;
        await ControllerCluster.UntilAsync(
            async () =>
            {
                current = await jobs.GetAsync(job.Metadata.Name, ct);
                return current?.Status?.Phase is JobPhases.Completed or JobPhases.Failure;
            },
            () => $"job {job.Metadata.Name} finishes; status: " + k8s.KubernetesJson.Serialize(current?.Status?.Summary));
        return current!;
    }

    /// <summary>Stops the controller, so nothing it does later adds to the counts.</summary>
    public Task StopAsync() => _host.StopAsync(TestContext.Current.CancellationToken);

    /// <summary>Each counted kind of request, in all and per node, most frequent first.</summary>
    public void AppendCounts(StringBuilder report, int nodes)
    {
        foreach (var (key, count) in Counter.Counts.OrderByDescending(p => p.Value))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {key,-36} {count,7} ({(double)count / nodes:F3} per node)");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await _cluster.DisposeAsync();
    }
}

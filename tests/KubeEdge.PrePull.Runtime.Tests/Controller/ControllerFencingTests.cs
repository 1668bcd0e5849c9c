using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Controller;
using KubeEdge.PrePull.Runtime.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>A leader that was frozen past its renew deadline touches nothing once it resumes (docs/design.md §3, Fencing).</summary>
public sealed class ControllerFencingTests : ControllerTests
{
    [Fact]
    public async Task LeaderFrozenPastItsLease_OnResumeWritesNothing_AndTheNewLeaderFinishesEveryNode()
    {
        var nodes = Cluster.AddNodes(6);
        var kubelets = new CountingKubeletPuller(held: null);
        Cluster.Server.Fleet.Puller = kubelets;
        await using var clock = new PumpedClock();
        var network = new FreezableHandler();
        var a = BuildFrozenable("replica-a", clock, network);
        await a.StartAsync(ControllerCluster.Ct);
        try
        {
            await WaitForHolderAsync("replica-a");
            var b = await Cluster.StartControllerAsync(o => Elect(o, "replica-b"));
            await Cluster.CreateJobAsync(ControllerLifecycleTests.Job("fenced", nodes, concurrency: 3));
            await Cluster.WaitForJobAsync("fenced", j => j.Status?.Summary?.InProgress == 3, "runs on three nodes");
            // A node shows InProgress from its dispatch, before its pod is created: the pods B is to adopt must exist
            // before A freezes (a create held by the freeze would leave B a node to start afresh instead).
            await ControllerCluster.UntilAsync(async () => (await Cluster.PodsAsync()).Count == 3, () => "replica-a created the three pods");

            // SIGSTOP: A's clock stands still and its network is silent; B takes the Lease and resumes the job.
            clock.Pause();
            network.Freeze();
            await WaitForHolderAsync("replica-b");
            await ControllerCluster.UntilAsync(
                () => Task.FromResult(Adoptions() == 3),
                () => $"replica-b adopts the three pods (adopted so far: {Adoptions()})");

            // SIGCONT after 21 s: A must see at once that it no longer leads, and leave the job to B.
            network.Record();
            clock.ResumeAfter(TimeSpan.FromSeconds(21));
            network.Resume();
            await ControllerCluster.UntilAsync(() => Task.FromResult(Controller(a).Reconciler is null), () => "replica-a ends its term");
            await ControllerCluster.UntilAsync(() => Task.FromResult(Controller(b).Reconciler is not null), () => "replica-b leads");

            kubelets.Open();
            var done = await Cluster.WaitForJobAsync("fenced", j => j.Status?.Phase is JobPhases.Completed or JobPhases.Failure, "finishes");

            Assert.Empty(network.Writes);
            Assert.Equal(JobPhases.Completed, done.Status!.Phase);
            Assert.Equal(6, done.Status.Summary!.Successful);
            Assert.All(done.Status.NodeStatus!, n => Assert.Equal(NodeTaskPhases.Successful, n.Phase));
            await ControllerCluster.UntilAsync(async () => (await Cluster.PodsAsync()).Count == 0, () => "no pod is left");
        }
        finally
        {
            network.Resume();
            await a.StopAsync(CancellationToken.None);
            a.Dispose();
        }
    }

    private int Adoptions() =>
        Cluster.Logs.Collector.GetSnapshot().Count(r => r.Message.StartsWith("Adopted leftover pull pod", StringComparison.Ordinal));

    [Fact]
    public async Task HostStoppedMidRun_WritesTheNodesItFinishedBeforeItStops()
    {
        var nodes = Cluster.AddNodes(4);
        var kubelets = new CountingKubeletPuller(held: [nodes[2], nodes[3]]);
        Cluster.Server.Fleet.Puller = kubelets;

        // Progress writes wait a minute: only a write on stop can carry the nodes finished since the first one.
        var host = await Cluster.StartControllerAsync(o => o.StatusFlushInterval = TimeSpan.FromMinutes(1));
        await Cluster.CreateJobAsync(ControllerLifecycleTests.Job("stopped", nodes, concurrency: 1));
        await ControllerCluster.UntilAsync(() => Task.FromResult(kubelets.Pulls.ContainsKey(nodes[2])), () => "two nodes finish and the third pulls");
        Assert.NotEqual(2, (await Cluster.GetJobAsync("stopped"))!.Status?.Summary?.Successful);

        await Cluster.StopAsync(host);

        var stopped = await Cluster.GetJobAsync("stopped");
        Assert.Equal(JobPhases.InProgress, stopped!.Status!.Phase);
        Assert.Equal(2, stopped.Status.Summary!.Successful);
        Assert.Equal([NodeTaskPhases.Successful, NodeTaskPhases.Successful], stopped.Status.NodeStatus!.Take(2).Select(n => n.Phase));
    }

    internal static void Elect(ImagePrePullOptions options, string identity)
    {
        options.LeaderElectionEnabled = true;
        options.LeaderElection.Identity = identity;
        options.LeaderElection.LeaseDuration = TimeSpan.FromSeconds(3);
        options.LeaderElection.RenewDeadline = TimeSpan.FromSeconds(2);
        options.LeaderElection.RetryPeriod = TimeSpan.FromMilliseconds(200);
    }

    internal static ImagePrePullController Controller(IHost host) =>
        host.Services.GetServices<IHostedService>().OfType<ImagePrePullController>().Single();

    /// <summary>A controller host whose clock and network the test can freeze.</summary>
    private IHost BuildFrozenable(string identity, PumpedClock clock, FreezableHandler network)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(Cluster.Logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton<TimeProvider>(clock.Time);
        builder.Services.AddImagePrePull(o =>
            {
                o.StatusFlushInterval = ControllerCluster.FlushInterval;
                Elect(o, identity);
            })
            .UseKubernetes(_ => new Kubernetes(Cluster.Server.CreateClientConfiguration(), network))
            .AddPodApplyPuller();
        return builder.Build();
    }

    private Task WaitForHolderAsync(string identity) =>
        ControllerCluster.UntilAsync(
            async () =>
            {
                var leases = await Cluster.Client.CoordinationV1.ListNamespacedLeaseAsync("kube-system", cancellationToken: ControllerCluster.Ct);
                return leases.Items.Any(l => l.Spec?.HolderIdentity == identity);
            },
            () => identity + " holds the Lease");
}

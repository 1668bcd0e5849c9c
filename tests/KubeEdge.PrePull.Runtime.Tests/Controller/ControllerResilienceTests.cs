using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Controller;
using KubeEdge.PrePull.Testing.Faults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>Faults from the API server and a second replica: the job still finishes with the right status.</summary>
public sealed class ControllerResilienceTests : ControllerTests
{
    [Fact]
    public async Task WatchDropsConflictsAndServerErrors_JobStillCompletesWithExactStatus()
    {
        var nodes = Cluster.AddNodes(10);
        var kubelets = new CountingKubeletPuller(held: null);
        Cluster.Server.Fleet.Puller = kubelets;
        var faults = Cluster.Server.Faults;
        faults.Add("imageprepulljobs/status", "patch", FaultKind.Conflict, times: 3);
        faults.Add("imageprepulljobs/status", "patch", FaultKind.InternalError, times: 2);
        faults.Add("imageprepulljobs", "patch", FaultKind.Conflict, times: 1);
        faults.Add("imageprepulljobs", "watch", FaultKind.Gone, times: 1);
        faults.Add("pods", "create", FaultKind.InternalError, times: 2);
        faults.Add("events", "create", FaultKind.InternalError, times: 2);
        await Cluster.StartControllerAsync();
        var job = ControllerLifecycleTests.Job("faulty", nodes, concurrency: 4);
        job.Spec.ImagePrePullTemplate!.FailureTolerate = "0";
        await Cluster.CreateJobAsync(job);
        await Cluster.WaitForJobAsync("faulty", j => j.Status?.Summary?.InProgress == 4, "runs on four nodes");

        faults.CloseWatches();
        faults.Add("imageprepulljobs", "watch", FaultKind.CloseWatch, times: 2);
        faults.Add("pods", "watch", FaultKind.Gone, times: 1);
        kubelets.Open();
        var done = await Cluster.WaitForPhaseAsync("faulty", JobPhases.Completed);

        var summary = done.Status!.Summary!;
        Assert.Equal((10, 10, 0), (summary.Total, summary.Successful, summary.Failed + summary.Unknown + summary.Pending + summary.InProgress));
        Assert.All(done.Status.NodeStatus!, n => Assert.Equal(NodeTaskPhases.Successful, n.Phase));
        Assert.Equal(nodes.Order(StringComparer.Ordinal), kubelets.Pulls.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(await Cluster.PodsAsync());
    }

    [Fact]
    public async Task TwoReplicas_OnlyTheLeaderRunsJobs_AndTheOtherTakesOverWhenItStops()
    {
        var nodes = Cluster.AddNodes(3);
        var kubelets = new CountingKubeletPuller(held: null);
        Cluster.Server.Fleet.Puller = kubelets;
        var a = await Cluster.StartControllerAsync(o => Elect(o, "replica-a"));
        await WaitForHolderAsync("replica-a");
        var b = await Cluster.StartControllerAsync(o => Elect(o, "replica-b"));
        await Cluster.CreateJobAsync(ControllerLifecycleTests.Job("elected", nodes, concurrency: 3));
        await Cluster.WaitForJobAsync("elected", j => j.Status?.Summary?.InProgress == 3, "runs on three nodes");

        Assert.NotNull(Controller(a).Reconciler);
        Assert.Null(Controller(b).Reconciler);

        await Cluster.StopAsync(a);
        await WaitForHolderAsync("replica-b");
        kubelets.Open();
        var done = await Cluster.WaitForPhaseAsync("elected", JobPhases.Completed);

        Assert.Equal(3, done.Status!.Summary!.Successful);
        Assert.Empty(await Cluster.PodsAsync());
    }

    private static void Elect(Runtime.Options.ImagePrePullOptions options, string identity)
    {
        options.LeaderElectionEnabled = true;
        options.LeaderElection.Identity = identity;
        // A lease far longer than any stall of a loaded machine, so the leader never loses it by accident; the
        // takeover does not wait for it to expire, since a stopped leader releases it (ReleaseOnCancel) and the
        // other replica retries every 200 ms.
        options.LeaderElection.LeaseDuration = TimeSpan.FromSeconds(30);
        options.LeaderElection.RenewDeadline = TimeSpan.FromSeconds(20);
        options.LeaderElection.RetryPeriod = TimeSpan.FromMilliseconds(200);
    }

    private static ImagePrePullController Controller(IHost host) =>
        host.Services.GetServices<IHostedService>().OfType<ImagePrePullController>().Single();

    private Task WaitForHolderAsync(string identity) =>
        ControllerCluster.UntilAsync(
            async () =>
            {
                var leases = await Cluster.Client.CoordinationV1.ListNamespacedLeaseAsync("kube-system", cancellationToken: ControllerCluster.Ct);
                return leases.Items.Any(l => l.Spec?.HolderIdentity == identity);
            },
            () => identity + " holds the Lease");
}

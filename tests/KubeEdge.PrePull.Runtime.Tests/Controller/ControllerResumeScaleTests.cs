using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Testing.Fleet;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// A job above the detail limit, whose status lists no successful node, resumed by a new controller: the compact
/// <c>succeededNodes</c> record keeps every successful node from being pulled again (docs/design.md §4 item 4).
/// </summary>
public sealed class ControllerResumeScaleTests : ControllerTests
{
    private const int Nodes = 1_050;
    private const int Held = 30;

    [Fact]
    public async Task JobAboveTheDetailLimit_ControllerRestartedMidRun_NoSuccessfulNodeIsPulledTwice()
    {
        var nodes = Cluster.AddNodes(Nodes);
        var held = nodes.Order(StringComparer.Ordinal).TakeLast(Held).ToArray();
        var kubelets = new CountingKubeletPuller(held);
        Cluster.Server.Fleet.Puller = kubelets;
        var first = await Cluster.StartControllerAsync();
        var job = ControllerLifecycleTests.Job("big", [], concurrency: 200);
        job.Spec.ImagePrePullTemplate!.NodeNames = null;
        job.Spec.ImagePrePullTemplate.LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [NodeFleetOptions.EdgeRoleLabel] = string.Empty } };
        await Cluster.CreateJobAsync(job);
        await Cluster.WaitForJobAsync("big", j => j.Status?.Summary?.Successful == Nodes - Held, "has every node but the held ones done");

        await Cluster.StopAsync(first);
        var stopped = (await Cluster.GetJobAsync("big"))!.Status!;
        Assert.DoesNotContain(stopped.NodeStatus ?? [], n => n.Phase == NodeTaskPhases.Successful);
        Assert.NotNull(stopped.SucceededNodes);

        kubelets.Open();
        await Cluster.StartControllerAsync();
        var done = await Cluster.WaitForPhaseAsync("big", JobPhases.Completed);

        Assert.Equal(Nodes, done.Status!.Summary!.Successful);
        var twice = nodes.Except(held).Where(n => kubelets.Pulls.GetValueOrDefault(n) != 1).ToList();
        Assert.True(twice.Count == 0, $"{twice.Count} successful nodes pulled again, e.g. {string.Join(", ", twice.Take(5))}");
    }
}

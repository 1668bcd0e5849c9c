using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Testing.Fleet;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// Jobs on fleets that are never all online (issue 17): rejected nodes never block the others, a broken job stops
/// early, and status reasons use upstream's words. On the embedded server with simulated kubelets.
/// </summary>
public sealed class ControllerEdgeFleetTests : ControllerTests
{
    [Fact]
    public async Task OneNodeNotReady_TheOthersPullAndTheToleranceDecidesAtTheEnd()
    {
        // The example: 5 nodes, the last NotReady, the default tolerance 0.1.
        var nodes = Cluster.AddNodes(5, notReady: 1);
        await Cluster.StartControllerAsync();
        await Cluster.CreateJobAsync(ControllerLifecycleTests.Job("offline", nodes, concurrency: 2));

        var failed = await Cluster.WaitForPhaseAsync("offline", JobPhases.Failure);

        var entries = failed.Status!.NodeStatus!;
        Assert.Equal([.. Enumerable.Repeat(NodeTaskPhases.Successful, 4), NodeTaskPhases.Failure], entries.Select(e => e.Phase));
        Assert.Equal("the node is not ready", entries[4].Reason);
        Assert.Equal("the number of failed nodes is 1/5, which exceeds the failure tolerance threshold", failed.Status.Reason);
        Assert.Equal(new JobSummary { Total = 5, Successful = 4, Failed = 1 }, failed.Status.Summary);
        await ControllerCluster.UntilAsync(async () => (await Cluster.PodsAsync()).Count == 0, () => "pull pods are removed");
    }

    [Fact]
    public async Task FirstFiveNodesFailTheSameImageNotFound_StopsAndFailsTheRestNamingImageAndKind()
    {
        var nodes = Cluster.AddNodes(8);
        Cluster.Server.Fleet.SetImage("registry.local/gone:1", ImagePullBehavior.Fail("rpc error: code = NotFound desc = failed to resolve reference \"registry.local/gone:1\": not found"));
        await Cluster.StartControllerAsync();
        var job = ControllerLifecycleTests.Job("broken", nodes, concurrency: 1, "nginx:1.27", "registry.local/gone:1");
        job.Spec.ImagePrePullTemplate!.FailureTolerate = "1";
        await Cluster.CreateJobAsync(job);

        var failed = await Cluster.WaitForPhaseAsync("broken", JobPhases.Failure);

        var entries = failed.Status!.NodeStatus!;
        Assert.All(entries.Take(5), e =>
        {
            Assert.Equal("there were some failures when pulling images", e.Reason);
            Assert.Contains("not found", e.ImageStatus!.Single(i => i.Image == "registry.local/gone:1").Reason, StringComparison.Ordinal);
        });
        Assert.All(entries.Skip(5), e =>
        {
            Assert.Equal(NodeTaskPhases.Failure, e.Phase);
            Assert.Equal("not started: the first 5 nodes all failed to pull image registry.local/gone:1 (not found)", e.Reason);
        });
        Assert.Equal("dispatching stopped: the first 5 nodes all failed to pull image registry.local/gone:1 (not found)", failed.Status.Reason);
    }

    [Fact]
    public async Task MissingNamedNode_HasUpstreamsNotFoundText()
    {
        var nodes = Cluster.AddNodes(1);
        await Cluster.StartControllerAsync();
        var job = ControllerLifecycleTests.Job("ghost", [nodes[0], "ghost"]);
        job.Spec.ImagePrePullTemplate!.FailureTolerate = "0.5";
        await Cluster.CreateJobAsync(job);

        var done = await Cluster.WaitForPhaseAsync("ghost", JobPhases.Completed);

        Assert.Equal("failed to get node, err: Node \"ghost\" not found", done.Status!.NodeStatus!.Single(n => n.NodeName == "ghost").Reason);
        Assert.Equal(NodeTaskPhases.Successful, done.Status.NodeStatus!.Single(n => n.NodeName == nodes[0]).Phase);
    }

    [Theory]
    [InlineData(true, "nodeNames and nodeSelector cannot be specified at the same time")]
    [InlineData(false, "nodeNames and nodeSelector cannot both be empty")]
    public async Task BothOrNeitherOfNamesAndSelector_ReasonStartsWithUpstreamsTextAndKeepsThePath(bool both, string upstream)
    {
        var nodes = Cluster.AddNodes(1);
        await Cluster.StartControllerAsync();
        var job = ControllerLifecycleTests.Job("nodes", both ? nodes : []);
        job.Spec.ImagePrePullTemplate!.LabelSelector = both ? new V1LabelSelector() : null;
        await Cluster.CreateJobAsync(job);

        var failed = await Cluster.WaitForPhaseAsync("nodes", JobPhases.Failure);

        Assert.StartsWith(upstream + "; spec.imagePrePullTemplate: ", failed.Status!.Reason, StringComparison.Ordinal);
        Assert.Empty(failed.Status.NodeStatus ?? []);
    }

    [Fact]
    public async Task TimedOutNode_HasUpstreamsReason()
    {
        var nodes = Cluster.AddNodes(2);
        Cluster.Server.Fleet.Puller = new CountingKubeletPuller(held: [nodes[1]]);
        await Cluster.StartControllerAsync();
        var job = ControllerLifecycleTests.Job("slow", nodes, concurrency: 2);
        job.Spec.ImagePrePullTemplate!.TimeoutSeconds = 1;
        job.Spec.ImagePrePullTemplate.FailureTolerate = "0.5";
        await Cluster.CreateJobAsync(job);

        var done = await Cluster.WaitForPhaseAsync("slow", JobPhases.Completed);

        var timedOut = done.Status!.NodeStatus!.Single(n => n.NodeName == nodes[1]);
        Assert.Equal((NodeTaskPhases.Unknown, "The node task has timed out"), (timedOut.Phase, timedOut.Reason));
    }
}

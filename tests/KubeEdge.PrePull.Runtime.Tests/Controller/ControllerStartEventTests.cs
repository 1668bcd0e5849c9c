using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Events;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// What the controller says when a job starts and ends: "Started" for a new job, "Resumed" only when a controller takes
/// over an InProgress job, counting the nodes that ran to their end before (docs/design.md §2, "Events, logs and metrics").
/// </summary>
public sealed class ControllerStartEventTests : ControllerTests
{
    [Fact]
    public async Task NewJob_WithNotReadyNodes_SaysStartedNotResumed()
    {
        var nodes = Cluster.AddNodes(4, notReady: 2);
        await Cluster.StartControllerAsync();
        await Cluster.CreateJobAsync(ControllerLifecycleTests.Job("fresh", nodes, concurrency: 2));

        await Cluster.WaitForJobAsync("fresh", Finished, "has finished");

        var started = Assert.Single(await Cluster.EventsAsync("fresh"), e => e.Reason == JobEventReasons.Started);
        Assert.Equal("Started on 4 nodes", started.Message);
    }

    [Fact]
    public async Task ResumedJob_CountsOnlyTheNodesThatFinishedBefore()
    {
        // The last node is NotReady: failed by selection on both starts, it is not one the second run resumes.
        var nodes = Cluster.AddNodes(5, notReady: 1);
        var kubelets = new CountingKubeletPuller(held: [nodes[2], nodes[3]]);
        Cluster.Server.Fleet.Puller = kubelets;
        var first = await Cluster.StartControllerAsync();
        var job = ControllerLifecycleTests.Job("resumed", nodes, concurrency: 1);
        job.Spec.ImagePrePullTemplate!.FailureTolerate = "0.5";
        await Cluster.CreateJobAsync(job);
        await Cluster.WaitForJobAsync("resumed", j => j.Status?.Summary?.Successful == 2 && j.Status.Summary.InProgress == 1, "has two nodes done and one running");
        await Cluster.StopAsync(first);

        kubelets.Open();
        await Cluster.StartControllerAsync();
        await Cluster.WaitForJobAsync("resumed", Finished, "has finished");

        var messages = (await Cluster.EventsAsync("resumed")).Where(e => e.Reason == JobEventReasons.Started).Select(e => e.Message).Order(StringComparer.Ordinal);
        Assert.Equal(["Resumed on 5 nodes (2 already finished)", "Started on 5 nodes"], messages);
    }

    [Fact]
    public async Task CompletedJob_FinishedLogLineHasNoNullReason()
    {
        var nodes = Cluster.AddNodes(2);
        await Cluster.StartControllerAsync();
        await Cluster.CreateJobAsync(ControllerLifecycleTests.Job("logged", nodes, concurrency: 2));
        await Cluster.WaitForPhaseAsync("logged", JobPhases.Completed);

        // The log record follows the final write the wait saw.
        await Eventually.WaitUntilAsync(
            () => Cluster.Logs.Collector.GetSnapshot().Any(r => r.Message.StartsWith("Job logged finished", StringComparison.Ordinal)),
            "the controller logs the end of the job");
        var finished = Assert.Single(Cluster.Logs.Collector.GetSnapshot(), r => r.Message.StartsWith("Job logged finished", StringComparison.Ordinal));
        Assert.Equal("Job logged finished: Completed", finished.Message);
    }

    // Completed or Failure: a NotReady node counts against the failure tolerance, which is not what these tests are about.
    private static bool Finished(ImagePrePullJob job) => job.Status?.Phase is JobPhases.Completed or JobPhases.Failure;
}

using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Tests.Scheduling;

/// <summary>
/// Nodes whose images end the same way share their image results, so a large job keeps one copy instead of one per
/// node; a node whose outcome differs keeps its own.
/// </summary>
public sealed class JobSchedulerImageSharingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_NodesWithEqualImageResults_ShareOneImageList()
    {
        var outcome = await new JobScheduler(new FakePuller(), timeProvider: new TestClock())
            .Start(TestJobs.Nodes(3), new TestPlans("nginx:1.27", "redis:7"), TestJobs.Settings(), Ct).OutcomeAsync();

        var first = outcome.Node("node1").Images;
        Assert.Equal(["sha256:nginx:1.27", "sha256:redis:7"], first.Select(i => i.ImageRef));
        Assert.Same(first, outcome.Node("node2").Images);
        Assert.Same(first, outcome.Node("node3").Images);
    }

    [Fact]
    public async Task Start_NodeWithDifferentImageResult_KeepsItsOwnAndLaterNodesTheirs()
    {
        var puller = new FakePuller((r, _, _) => ValueTask.FromResult(
            r.NodeName == "node2" && r.Image == "redis:7"
                ? PullResult.Failure(PullFailureKind.NotFound, "manifest unknown")
                : PullResult.Success("sha256:" + r.Image)));

        var outcome = await new JobScheduler(puller, timeProvider: new TestClock())
            .Start(TestJobs.Nodes(3), new TestPlans("nginx:1.27", "redis:7"), TestJobs.Settings(tolerate: 0.5m), Ct).OutcomeAsync();

        Assert.Equal([true, true], outcome.Node("node1").Images.Select(i => i.Succeeded));
        var second = outcome.Node("node2").Images;
        Assert.Equal([true, false], second.Select(i => i.Succeeded));
        Assert.Equal("manifest unknown", second[1].Reason);
        Assert.Same(outcome.Node("node1").Images[0], second[0]);
        var third = outcome.Node("node3").Images;
        Assert.Equal(["sha256:nginx:1.27", "sha256:redis:7"], third.Select(i => i.ImageRef));
        Assert.All(third, i => Assert.True(i.Succeeded));
    }
}

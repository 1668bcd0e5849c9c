using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Tests.Scheduling;

public sealed class ImagePullTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_FinalFailure_IsNotRetriedDespiteRetryTimes()
    {
        var clock = new TestClock();
        var puller = new FakePuller((_, _, _) => ValueTask.FromResult(
            PullResult.Failure(PullFailureKind.Unauthorized, "the agent tried 4 times: unauthorized") with { Final = true }));
        var run = new JobScheduler(puller, null, clock, () => 0).Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27"), TestJobs.Settings(retryTimes: 3, tolerate: 1m), Ct);

        var node = (await run.OutcomeAsync()).Node("node1");

        Assert.Equal(NodeTaskPhases.Failure, node.Phase);
        var image = Assert.Single(node.Images);
        Assert.Equal("the agent tried 4 times: unauthorized", image.Reason);
        Assert.Equal(1, image.Attempts);
        Assert.Single(puller.Pulls);
    }

    [Fact]
    public async Task RunAsync_NotFinalFailure_IsRetriedRetryTimes()
    {
        var clock = new TestClock();
        var puller = new FakePuller((_, _, _) => ValueTask.FromResult(PullResult.Failure(PullFailureKind.Unauthorized, "unauthorized")));
        var run = new JobScheduler(puller, null, clock, () => 0).Start(TestJobs.Nodes(1), new TestPlans("nginx:1.27"), TestJobs.Settings(retryTimes: 1, tolerate: 1m), Ct);

        await clock.WaitForTimersAsync(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        var node = (await run.OutcomeAsync()).Node("node1");

        Assert.Equal(2, Assert.Single(node.Images).Attempts);
        Assert.Equal(2, puller.Pulls.Count);
    }
}

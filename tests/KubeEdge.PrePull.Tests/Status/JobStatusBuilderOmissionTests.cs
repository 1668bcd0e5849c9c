using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Status;

namespace KubeEdge.PrePull.Tests.Status;

/// <summary>A status that lists only some nodes says so: how many are left out, why, and which phases are listed.</summary>
public sealed class JobStatusBuilderOmissionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static NodeTaskResult Successful(string name, int images = 1) => new(
        name,
        NodeTaskPhases.Successful,
        null,
        [new ActionResult(NodeActions.Check, true, null, T0), new ActionResult(NodeActions.Pull, true, null, T0)],
        Enumerable.Range(0, images).Select(i => new ImageResult($"harbor.example.com/team/app-{i}:v1", true, null, $"harbor.example.com/team/app-{i}:v1", "sha256:" + new string('a', 64), null, 1)).ToArray());

    [Fact]
    public void Build_AboveDetailLimit_SaysHowManyAreOmittedAndWhichPhasesAreListed()
    {
        var nodes = Enumerable.Range(0, 1_495).Select(i => Successful($"edge-{i}"))
            .Append(NodeTaskResult.Failed("bad-0", "the node is not ready"))
            .Append(NodeTaskResult.Failed("bad-1", "the node is not ready"))
            .Append(NodeTaskResult.Failed("bad-2", "the node is not ready"))
            .Append(NodeTaskResult.Pending("later-0"))
            .Append(NodeTaskResult.Pending("later-1"))
            .ToArray();

        var status = new JobStatusBuilder().Build(JobPhases.InProgress, null, T0, null, nodes);

        Assert.Equal(5, status.NodeStatus!.Count);
        Assert.Equal((1_495, NodeStatusOmission.DetailLimitReason), (status.NodeStatusOmitted!.Count, status.NodeStatusOmitted.Reason));
        Assert.Equal([NodeTaskPhases.Failure, NodeTaskPhases.Pending], status.NodeStatusOmitted!.ListedPhases!);
        Assert.Equal(1_500, status.Summary!.Total);
    }

    [Fact]
    public void Build_WithinDetailLimitButOverTheByteBudget_IsASizeBudgetOmission()
    {
        // 900 nodes with 5 images each need more than the default 768 KiB: the default DetailLimit (1,000) is not reached.
        var nodes = Enumerable.Range(0, 899).Select(i => Successful($"edge-{i}", images: 5))
            .Append(NodeTaskResult.Failed("bad-0", "the node is not ready"))
            .ToArray();

        var status = new JobStatusBuilder().Build(JobPhases.InProgress, null, T0, null, nodes);

        Assert.Equal("bad-0", Assert.Single(status.NodeStatus!).NodeName);
        Assert.Equal(899, status.NodeStatusOmitted!.Count);
        Assert.Equal(NodeStatusOmission.SizeBudgetReason, status.NodeStatusOmitted.Reason);
        Assert.Equal([NodeTaskPhases.Failure], status.NodeStatusOmitted.ListedPhases!);
        Assert.Null(status.Status);
    }

    [Fact]
    public void Build_BudgetCutsNonSuccessfulEntries_CountsThemAsOmitted()
    {
        var nodes = Enumerable.Range(0, 40).Select(i => NodeTaskResult.Failed($"bad-{i}", "the node is not ready")).ToArray();

        var status = new JobStatusBuilder(new StatusOptions { DetailLimit = 10, NodeStatusByteBudget = 2_000 }).Build(JobPhases.InProgress, null, T0, null, nodes);

        Assert.InRange(status.NodeStatus!.Count, 1, 39);
        Assert.Equal(40 - status.NodeStatus.Count, status.NodeStatusOmitted!.Count);
        Assert.Equal([NodeTaskPhases.Failure], status.NodeStatusOmitted.ListedPhases!);
    }

    [Fact]
    public void Build_EveryNodeListed_HasNoOmission()
    {
        var status = new JobStatusBuilder().Build(JobPhases.Completed, null, T0, T0, [Successful("edge-0"), NodeTaskResult.Failed("bad-0", "x")]);

        Assert.Equal(2, status.NodeStatus!.Count);
        Assert.Null(status.NodeStatusOmitted);
    }

    [Fact]
    public void Build_AboveDetailLimitWithNothingSuccessfulAndEverythingFitting_HasNoOmission()
    {
        var nodes = Enumerable.Range(0, 3).Select(i => NodeTaskResult.Pending($"later-{i}")).ToArray();

        var status = new JobStatusBuilder(new StatusOptions { DetailLimit = 2 }).Build(JobPhases.InProgress, null, T0, null, nodes);

        Assert.Equal(3, status.NodeStatus!.Count);
        Assert.Null(status.NodeStatusOmitted);
    }
}

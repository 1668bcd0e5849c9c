using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Selection;
using KubeEdge.PrePull.Status;

namespace KubeEdge.PrePull.Tests.Status;

/// <summary>The compact record of successful nodes above the detail limit (docs/design.md §4 item 4).</summary>
public sealed class SucceededNodeSetTests
{
    private static readonly string[] Names = [.. Enumerable.Range(0, 5_000).Select(i => $"edge-node-{i}")];

    [Fact]
    public void Encode_FiveThousandNames_RoundTripsInAFewBytesPerName()
    {
        var text = SucceededNodeSet.Encode(Names.Reverse(), int.MaxValue);

        Assert.NotNull(text);
        Assert.True(text.Length < Names.Length * 4, $"{text.Length} characters for {Names.Length} names");
        Assert.Equal(Names.Order(StringComparer.Ordinal), SucceededNodeSet.Decode(text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Encode_OverItsBudget_KeepsTheFirstNamesThatFit()
    {
        var text = SucceededNodeSet.Encode(Names, 2_000);

        Assert.NotNull(text);
        Assert.InRange(text.Length, 1, 2_000);
        var kept = SucceededNodeSet.Decode(text);
        Assert.InRange(kept.Count, 100, Names.Length - 1);
        Assert.All(kept, n => Assert.Contains(n, Names));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("aGVsbG8=")]
    public void Decode_NothingOrUnreadable_IsEmpty(string? text) => Assert.Empty(SucceededNodeSet.Decode(text));

    [Fact]
    public void Build_AboveTheDetailLimit_RecordsEverySuccessfulNode_AndResumeKeepsThem()
    {
        var nodes = Names.Take(1_200).Select((n, i) => i % 3 == 0
            ? NodeTaskResult.Pending(n)
            : new NodeTaskResult(n, NodeTaskPhases.Successful, null, [], [])).ToList();
        var status = new JobStatusBuilder().Build(JobPhases.InProgress, null, DateTimeOffset.UnixEpoch, null, nodes);

        Assert.DoesNotContain(status.NodeStatus!, e => e.Phase == NodeTaskPhases.Successful);
        Assert.Equal(800, SucceededNodeSet.Decode(status.SucceededNodes).Count);

        var resumed = JobNodes.Resume(new NodeSelection([.. nodes.Select(n => new SelectedNode(n.NodeName))]), status);
        Assert.Equal(nodes.Select(n => n.Phase), resumed.Select(n => n.Phase));
    }

    [Fact]
    public void Build_WithinTheDetailLimit_ListsNodesAndRecordsNothingElse()
    {
        var status = new JobStatusBuilder().Build(JobPhases.Completed, null, null, null, [new NodeTaskResult("a", NodeTaskPhases.Successful, null, [], [])]);

        Assert.Null(status.SucceededNodes);
        Assert.Single(status.NodeStatus!);
    }
}

using k8s.Models;
using KubeEdge.PrePull.Selection;

namespace KubeEdge.PrePull.Tests.Selection;

public sealed class NodeInfoTests
{
    public static TheoryData<string, V1NodeCondition[]?, bool> Readiness() => new()
    {
        { "ready", [new V1NodeCondition { Type = "Ready", Status = "True" }], true },
        { "ready among others", [new V1NodeCondition { Type = "DiskPressure", Status = "False" }, new V1NodeCondition { Type = "Ready", Status = "True" }], true },
        { "not ready", [new V1NodeCondition { Type = "Ready", Status = "False" }], false },
        { "unknown", [new V1NodeCondition { Type = "Ready", Status = "Unknown" }], false },
        { "other condition true", [new V1NodeCondition { Type = "DiskPressure", Status = "True" }], false },
        { "no conditions", [], false },
        { "no status", null, false },
    };

    [Theory]
    [MemberData(nameof(Readiness))]
    public void FromV1_Conditions_ReadyOnlyWithReadyTrue(string because, V1NodeCondition[]? conditions, bool ready)
    {
        var node = new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "edge-1" },
            Status = conditions is null ? null : new V1NodeStatus { Conditions = conditions },
        };

        Assert.True(NodeInfo.FromV1(node).IsReady == ready, because);
    }

    [Fact]
    public void FromV1_Labels_CopiedNotShared()
    {
        var labels = new Dictionary<string, string> { ["topology.kubernetes.io/region"] = "hangzhou" };
        var node = new V1Node { Metadata = new V1ObjectMeta { Name = "edge-1", Labels = labels } };

        var info = NodeInfo.FromV1(node);
        labels["tier"] = "debug";

        Assert.Equal("edge-1", info.Name);
        Assert.Equal(new Dictionary<string, string> { ["topology.kubernetes.io/region"] = "hangzhou" }, info.Labels);
    }

    [Fact]
    public void FromV1_NoLabels_Empty()
    {
        Assert.Empty(NodeInfo.FromV1(new V1Node { Metadata = new V1ObjectMeta { Name = "edge-1" } }).Labels);
    }

    [Fact]
    public void FromV1_NoName_ArgumentException()
    {
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => NodeInfo.FromV1(new V1Node { Metadata = new V1ObjectMeta() })).ParamName);
        Assert.Equal("node", Assert.Throws<ArgumentException>(() => NodeInfo.FromV1(new V1Node())).ParamName);
        Assert.Throws<ArgumentNullException>(() => NodeInfo.FromV1(null!));
    }
}

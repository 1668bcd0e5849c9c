using k8s.Models;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Selection;

namespace KubeEdge.PrePull.Tests.Planning;

public sealed class NodeSnapshotTests
{
    [Fact]
    public void FromV1_Node_NameAndLabels()
    {
        var node = new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "edge-1", Labels = new Dictionary<string, string> { ["tier"] = "debug" } },
            Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = "False" }] },
        };

        var snapshot = NodeSnapshot.FromV1(node);

        Assert.Equal("edge-1", snapshot.Name);
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "debug" }, snapshot.Labels);
    }

    [Fact]
    public void From_NodeInfo_SharesTheLabels()
    {
        var info = new NodeInfo("edge-1", new Dictionary<string, string> { ["tier"] = "debug" }, IsReady: true);

        var snapshot = NodeSnapshot.From(info);

        Assert.Equal("edge-1", snapshot.Name);
        Assert.Same(info.Labels, snapshot.Labels);
    }

    [Fact]
    public void Conversions_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => NodeSnapshot.From(null!));
        Assert.Throws<ArgumentNullException>(() => NodeSnapshot.FromV1(null!));
        Assert.Throws<ArgumentException>(() => NodeSnapshot.FromV1(new V1Node { Metadata = new V1ObjectMeta() }));
    }
}

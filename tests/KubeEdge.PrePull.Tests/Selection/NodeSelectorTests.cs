using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Selection;
using k8s.Models;

namespace KubeEdge.PrePull.Tests.Selection;

public sealed class NodeSelectorTests
{
    private static readonly Dictionary<string, string> Edge = new() { [NodeSelectionOptions.DefaultEdgeLabel] = "" };

    private static readonly NodeInfo[] Cluster =
    [
        new("edge-ready", Edge, true),
        new("edge-down", Edge, false),
        new("cloud", new Dictionary<string, string> { ["node-role.kubernetes.io/control-plane"] = "" }, true),
        new("edge-true", new Dictionary<string, string> { [NodeSelectionOptions.DefaultEdgeLabel] = "true" }, true),
        new("cloud-down", new Dictionary<string, string>(), false),
    ];

    [Fact]
    public void SelectByNames_MixedNodes_KeepsOrderDeduplicatesAndUsesUpstreamReasons()
    {
        var selection = NodeSelector.SelectByNames(["edge-ready", "edge-down", "cloud", "ghost", "edge-ready", "edge-true", "cloud-down"], Cluster);

        Assert.False(selection.Failed);
        Assert.Equal(
            [
                ("edge-ready", null),
                ("edge-down", "the node is not ready"),
                ("cloud", "the node is not an edge node"),
                ("ghost", "failed to get node, err: Node \"ghost\" not found"),
                ("edge-true", "the node is not an edge node"), // upstream wants the value to be exactly ""
                ("cloud-down", "the node is not an edge node"), // the edge rule is checked before readiness
            ],
            selection.Nodes.Select(n => (n.Name, n.Reason)));
    }

    [Fact]
    public void Verify_OneNode_GivesSelectionsVerdict()
    {
        Assert.Equal(
            [null, "the node is not ready", "the node is not an edge node", "the node is not an edge node", "the node is not an edge node"],
            Cluster.Select(n => NodeSelector.Verify(n)));
        Assert.Null(NodeSelector.Verify(Cluster[2], new NodeSelectionOptions { RequireEdgeLabel = false }));
    }

    [Fact]
    public void CheckNodeDefinition_BothOrNeither_GivesUpstreamsText()
    {
        Assert.Equal("nodeNames and nodeSelector cannot both be empty", NodeSelector.CheckNodeDefinition(new ImagePrePullTemplate()));
        Assert.Equal("nodeNames and nodeSelector cannot be specified at the same time", NodeSelector.CheckNodeDefinition(new ImagePrePullTemplate { NodeNames = ["a"], LabelSelector = new V1LabelSelector() }));
        Assert.Null(NodeSelector.CheckNodeDefinition(new ImagePrePullTemplate { NodeNames = ["a"] }));
    }

    [Fact]
    public void SelectByNames_EdgeRuleSwitchedOff_AcceptsReadyCloudNodes()
    {
        var selection = NodeSelector.SelectByNames(["cloud", "cloud-down"], Cluster, new NodeSelectionOptions { RequireEdgeLabel = false });

        Assert.Equal([("cloud", (string?)null), ("cloud-down", "the node is not ready")], selection.Nodes.Select(n => (n.Name, n.Reason)));
    }

    [Fact]
    public void SelectByNames_CustomEdgeLabel_UsesIt()
    {
        NodeInfo[] nodes = [new("n1", new Dictionary<string, string> { ["example.com/edge"] = "" }, true)];

        var selection = NodeSelector.SelectByNames(["n1"], nodes, new NodeSelectionOptions { EdgeLabel = "example.com/edge" });

        Assert.True(Assert.Single(selection.Nodes).IsValid);
    }

    [Fact]
    public void SelectByLabels_Matches_SortedByNameWithReasons()
    {
        var selection = NodeSelector.SelectByLabels(Cluster.Reverse(), labels => !labels.ContainsKey("node-role.kubernetes.io/control-plane"));

        Assert.Equal(["cloud-down", "edge-down", "edge-ready", "edge-true"], selection.Nodes.Select(n => n.Name));
        Assert.Equal("the node is not ready", selection.Nodes[1].Reason);
    }

    [Fact]
    public void SelectByLabels_NoMatch_FailsTheJob()
    {
        var selection = NodeSelector.SelectByLabels(Cluster, _ => false);

        Assert.True(selection.Failed);
        Assert.Equal("no nodes were matched with selector", selection.Error);
        Assert.Empty(selection.Nodes);
    }

    [Fact]
    public void Select_BothOrNeither_FailsWithUpstreamText()
    {
        var both = new ImagePrePullTemplate { NodeNames = ["edge-ready"], LabelSelector = new V1LabelSelector() };
        var neither = new ImagePrePullTemplate { NodeNames = [] };

        Assert.Equal("nodeNames and nodeSelector cannot be specified at the same time", NodeSelector.Select(both, Cluster, _ => true).Error);
        Assert.Equal("nodeNames and nodeSelector cannot both be empty", NodeSelector.Select(neither, Cluster, _ => true).Error);
    }

    [Fact]
    public void Select_SelectorWithoutMatcher_ThrowsNamingTheParameter()
    {
        var template = new ImagePrePullTemplate { LabelSelector = new V1LabelSelector() };

        var error = Assert.Throws<ArgumentException>(() => NodeSelector.Select(template, Cluster, null));

        Assert.Equal("labelSelectorMatches", error.ParamName);
    }

    [Fact]
    public void Select_ByNames_UsesTheNames()
    {
        var template = new ImagePrePullTemplate { NodeNames = ["edge-ready", "edge-ready"] };

        var selection = NodeSelector.Select(template, Cluster, null);

        Assert.Equal(["edge-ready"], selection.Nodes.Select(n => n.Name));
    }
}

using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Selection;

namespace KubeEdge.PrePull.Tests.Planning;

public sealed class NodeWaitingTests
{
    private static readonly NodeSelection Selection = new(
    [
        new SelectedNode("ready"),
        new SelectedNode("down", NodeSelectionReasons.NotReady),
        new SelectedNode("cloud", NodeSelectionReasons.NotEdgeNode),
        new SelectedNode("ghost", NodeSelectionReasons.NodeNotFound("ghost")),
    ]);

    public static TheoryData<string, CompletionPolicy?, string[]> Cases => new()
    {
        { "no policy: upstream, everything rejected fails", null, [] },
        { "Always alone: the same", new CompletionPolicy { Type = CompletionPolicyTypes.Always }, [] },
        { "a deadline: NotReady waits", new CompletionPolicy { Type = CompletionPolicyTypes.Always, ActiveDeadlineSeconds = 60 }, ["down"] },
        { "Never: NotReady and missing wait", new CompletionPolicy { Type = CompletionPolicyTypes.Never }, ["down", "ghost"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void WaitingNodes_ByPolicy_NeverANonEdgeNode(string scenario, CompletionPolicy? policy, string[] expected)
    {
        Assert.True(expected.SequenceEqual(NodeWaiting.WaitingNodes(Selection, policy).Order(StringComparer.Ordinal)), scenario);
        Assert.Equal(expected.Length > 0 || policy?.ActiveDeadlineSeconds is not null, NodeWaiting.WaitsForNodes(policy));
    }
}

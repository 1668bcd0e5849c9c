using KubeEdge.PrePull.Planning;

namespace KubeEdge.PrePull.Tests.Planning;

public sealed class LabelGrouperTests
{
    [Fact]
    public void GroupOf_NodesDifferingOnlyInUnreadLabels_ShareAGroup()
    {
        var grouper = new LabelGrouper(["region", "tier"]);
        var first = grouper.GroupOf(new Dictionary<string, string> { ["region"] = "hz", ["kubernetes.io/hostname"] = "n1" });
        var second = grouper.GroupOf(new Dictionary<string, string> { ["region"] = "hz", ["kubernetes.io/hostname"] = "n2" });
        Assert.Equal(0, first);
        Assert.Equal(0, second);
        Assert.Equal(1, grouper.Count);
    }

    [Fact]
    public void GroupOf_AbsentEmptyAndDifferentValues_AreDistinctGroups()
    {
        var grouper = new LabelGrouper(["region", "tier"]);
        Assert.Equal(0, grouper.GroupOf(new Dictionary<string, string>()));
        Assert.Equal(1, grouper.GroupOf(new Dictionary<string, string> { ["region"] = string.Empty }));
        Assert.Equal(2, grouper.GroupOf(new Dictionary<string, string> { ["region"] = "hz" }));
        Assert.Equal(3, grouper.GroupOf(new Dictionary<string, string> { ["tier"] = "hz" }));
        Assert.Equal(2, grouper.GroupOf(new Dictionary<string, string> { ["region"] = "hz", ["other"] = "x" }));
        Assert.Equal(4, grouper.Count);
        Assert.Equal("hz", grouper.SampleOf(3)["tier"]);
    }

    [Fact]
    public void GroupOf_NoKeys_PutsEveryNodeInOneGroup()
    {
        var grouper = new LabelGrouper([]);
        Assert.Equal(0, grouper.GroupOf(new Dictionary<string, string> { ["a"] = "1" }));
        Assert.Equal(0, grouper.GroupOf(new Dictionary<string, string> { ["b"] = "2" }));
    }
}

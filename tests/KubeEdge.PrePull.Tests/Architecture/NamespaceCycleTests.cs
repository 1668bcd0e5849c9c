using KubeEdge.PrePull.Serialization;

namespace KubeEdge.PrePull.Tests.Architecture;

/// <summary>
/// Data flows one way through the core (job -> validate -> select -> plan -> schedule -> pull -> status), so no
/// namespace of the core may use, directly or through others, a namespace that uses it.
/// </summary>
public sealed class NamespaceCycleTests
{
    private static readonly NamespaceGraph Core = NamespaceGraph.Of(typeof(ImagePrePullJobSerializer).Assembly, "KubeEdge.PrePull");

    [Fact]
    public void CoreAssembly_Namespaces_HaveNoCycle()
    {
        var cycles = Core.FindCycles();

        Assert.True(cycles.Count == 0, $"namespace cycles in the core:{Environment.NewLine}{string.Join(Environment.NewLine, cycles.Select(Core.Describe))}");
    }

    [Theory]
    [InlineData("KubeEdge.PrePull.Planning", "KubeEdge.PrePull.Pulling")]
    [InlineData("KubeEdge.PrePull.Status", "KubeEdge.PrePull.Scheduling")]
    [InlineData("KubeEdge.PrePull.Scheduling", "KubeEdge.PrePull.Planning")]
    [InlineData("KubeEdge.PrePull.Validation", "KubeEdge.PrePull.Labels")]
    public void CoreAssembly_KnownDependency_IsAnEdge(string from, string to)
    {
        Assert.Contains((from, to), Core.Edges.Keys);
    }

    [Fact]
    public void CoreAssembly_DeeperNamespaces_CountAsTheirTopOne()
    {
        Assert.DoesNotContain(Core.Edges.Keys, e => e.From.Count(c => c == '.') != 2 || e.To.Count(c => c == '.') != 2);
    }

    [Fact]
    public void Of_CycleThroughAMethodBodyAndAnInternalNamespace_FindsIt()
    {
        // Front uses Back only in a method body; Back.Internal uses Front in a signature.
        var graph = NamespaceGraph.Of(typeof(NamespaceCycleTests).Assembly, "KubeEdge.PrePull.Tests.Architecture.CycleFixture");

        var cycle = Assert.Single(graph.FindCycles());

        Assert.Equal(["KubeEdge.PrePull.Tests.Architecture.CycleFixture.Back", "KubeEdge.PrePull.Tests.Architecture.CycleFixture.Front", "KubeEdge.PrePull.Tests.Architecture.CycleFixture.Back"], cycle);
        Assert.Equal("KubeEdge.PrePull.Tests.Architecture.CycleFixture.Front.Caller uses KubeEdge.PrePull.Tests.Architecture.CycleFixture.Back.Internal.Callee", graph.Edges[("KubeEdge.PrePull.Tests.Architecture.CycleFixture.Front", "KubeEdge.PrePull.Tests.Architecture.CycleFixture.Back")]);
    }

    [Fact]
    public void FindCycles_TwoSeparateCycles_ReturnsOneEach()
    {
        var graph = NamespaceGraph.FromEdges("N", ("N.A", "N.B"), ("N.B", "N.C"), ("N.C", "N.A"), ("N.C", "N.D"), ("N.D", "N.E"), ("N.E", "N.D"));

        var cycles = graph.FindCycles();

        Assert.Equal(2, cycles.Count);
        Assert.Equal(["N.A", "N.B", "N.C", "N.A"], cycles[0]);
        Assert.Equal(["N.D", "N.E", "N.D"], cycles[1]);
        Assert.StartsWith("N.A -> N.B -> N.C -> N.A", graph.Describe(cycles[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void FindCycles_LayeredGraph_ReturnsNone()
    {
        var graph = NamespaceGraph.FromEdges("N", ("N.A", "N.B"), ("N.A", "N.C"), ("N.B", "N.C"), ("N.C", "N.D"));

        Assert.Empty(graph.FindCycles());
    }
}

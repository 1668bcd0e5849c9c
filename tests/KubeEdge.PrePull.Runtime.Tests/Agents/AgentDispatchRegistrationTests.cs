using KubeEdge.PrePull.Runtime.DependencyInjection;
using KubeEdge.PrePull.Runtime.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>AddEdgeAgents(): the backend rule (at most one other backend, at least one in all) and the label key, checked at start-up.</summary>
public sealed class AgentDispatchRegistrationTests
{
    [Theory]
    [InlineData("agent")]
    [InlineData("prepull.kubeedge.io/agent")]
    [InlineData("example.com/edge-agent_1")]
    public void Validate_EdgeAgentsAloneWithValidLabel_Accepted(string label)
    {
        var options = Options(c => c.AddEdgeAgents(label));

        Assert.NotNull(options.Value);
    }

    [Fact]
    public void Validate_EdgeAgentsBesidePodApply_Accepted()
    {
        var options = Options(c => c.AddPodApplyPuller().AddEdgeAgents());

        Assert.NotNull(options.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Not A Key")]
    [InlineData("agent=true")]
    [InlineData("/agent")]
    [InlineData("Example.COM/agent")]
    [InlineData("-agent")]
    public void Validate_InvalidLabel_FailsNamingTheOption(string label)
    {
        var options = Options(c => c.AddEdgeAgents(label));

        var error = Assert.Throws<OptionsValidationException>(() => options.Value);

        Assert.Contains("AddEdgeAgents(nodeLabel)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EdgeAgentsAndTwoOtherBackends_FailsNamingBoth()
    {
        var options = Options(c => c.AddEdgeAgents().AddPodApplyPuller().AddCriPuller("/run/containerd/containerd.sock"));

        var error = Assert.Throws<OptionsValidationException>(() => options.Value);

        Assert.Contains("At most one pulling backend besides AddEdgeAgents()", error.Message, StringComparison.Ordinal);
        Assert.Contains("podapply, cri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EdgeAgentsTwiceWithDifferentLabels_Fails()
    {
        var options = Options(c => c.AddEdgeAgents("a.example.com/agent").AddEdgeAgents("b.example.com/agent"));

        var error = Assert.Throws<OptionsValidationException>(() => options.Value);

        Assert.Contains("AddEdgeAgents(nodeLabel) was called with 2 different labels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoBackend_SuggestsAddEdgeAgentsToo()
    {
        var options = Options(_ => { });

        var error = Assert.Throws<OptionsValidationException>(() => options.Value);

        Assert.Contains("AddEdgeAgents()", error.Message, StringComparison.Ordinal);
    }

    private static IOptions<ImagePrePullOptions> Options(Action<IImagePrePullBuilder> backends)
    {
        var services = new ServiceCollection();
        backends(services.AddImagePrePull());
        return services.BuildServiceProvider().GetRequiredService<IOptions<ImagePrePullOptions>>();
    }
}

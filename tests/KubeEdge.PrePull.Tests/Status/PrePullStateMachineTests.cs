using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Status;

namespace KubeEdge.PrePull.Tests.Status;

public sealed class PrePullStateMachineTests
{
    [Theory]
    [InlineData("Init", "Init", "Success", "Checking")]
    [InlineData("Init", "Init", "Failure", "Failed")]
    [InlineData("Init", "TimeOut", "Failure", "Failed")]
    [InlineData("Checking", "Check", "Success", "Pulling")]
    [InlineData("Checking", "Check", "Failure", "Failed")]
    [InlineData("Checking", "TimeOut", "Failure", "Failed")]
    [InlineData("Pulling", "Pull", "Success", "Successful")]
    [InlineData("Pulling", "Pull", "Failure", "Failed")]
    [InlineData("Pulling", "TimeOut", "Failure", "Failed")]
    public void Next_UpstreamRule_Transitions(string state, string @event, string action, string next)
    {
        Assert.Equal(next, PrePullStateMachine.Next(state, @event, action));
    }

    [Theory]
    [InlineData("Init", "Pull", "Success")]
    [InlineData("Successful", "Pull", "Failure")]
    [InlineData("Checking", "TimeOut", "Success")]
    public void Next_NotInTheRules_IsNull(string state, string @event, string action)
    {
        Assert.Null(PrePullStateMachine.Next(state, @event, action));
    }

    [Fact]
    public void Apply_IllegalTransition_ThrowsNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MirrorState.Initial.Apply(TaskEvents.Pull, true));

        Assert.Contains("Init/Pull/Success", error.Message, StringComparison.Ordinal);
    }
}

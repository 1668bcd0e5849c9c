using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Tests.Api;

public sealed class JobSummaryTests
{
    [Fact]
    public void Count_EachPhase_CountsItAndTheTotal()
    {
        var summary = new JobSummary();
        string?[] phases =
        [
            NodeTaskPhases.Successful, NodeTaskPhases.Successful, NodeTaskPhases.Failure, NodeTaskPhases.Unknown,
            NodeTaskPhases.InProgress, NodeTaskPhases.Pending, null, "SomethingNew",
        ];

        foreach (var phase in phases)
        {
            summary.Count(phase);
        }

        Assert.Equal(
            new JobSummary { Total = 8, Successful = 2, Failed = 1, Unknown = 1, InProgress = 1, Pending = 3 },
            summary);
    }
}

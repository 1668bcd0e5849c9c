using KubeEdge.PrePull.Runtime.LeaderElection;

namespace KubeEdge.PrePull.Runtime.Tests.LeaderElection;

/// <summary>Option validation names every field at fault.</summary>
public sealed class LeaderElectionOptionsValidatorTests
{
    [Fact]
    public void Problems_Defaults_None() => Assert.Empty(LeaderElectionOptionsValidator.Problems(new LeaderElectionOptions()));

    [Fact]
    public void Problems_BadDurationsAndNames_NamesEachField()
    {
        var options = new LeaderElectionOptions
        {
            LeaseName = " ",
            Identity = "",
            LeaseDuration = TimeSpan.FromSeconds(5),
            RenewDeadline = TimeSpan.FromSeconds(5),
            RetryPeriod = TimeSpan.FromSeconds(5),
        };

        var problems = LeaderElectionOptionsValidator.Problems(options);

        Assert.Collection(
            problems,
            p => Assert.Contains("LeaseName", p, StringComparison.Ordinal),
            p => Assert.Contains("Identity", p, StringComparison.Ordinal),
            p => Assert.Contains("LeaseDuration (00:00:05) must be greater than LeaderElection.RenewDeadline", p, StringComparison.Ordinal),
            p => Assert.Contains("RenewDeadline (00:00:05) must be greater than 1.2 x LeaderElection.RetryPeriod", p, StringComparison.Ordinal));
    }
}

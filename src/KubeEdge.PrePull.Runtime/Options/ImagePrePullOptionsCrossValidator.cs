using KubeEdge.PrePull.Runtime.LeaderElection;
using Microsoft.Extensions.Options;

namespace KubeEdge.PrePull.Runtime.Options;

/// <summary>The rules attributes cannot say: the Lease settings, checked only when leader election is on.</summary>
internal sealed class ImagePrePullOptionsCrossValidator : IValidateOptions<ImagePrePullOptions>
{
    public ValidateOptionsResult Validate(string? name, ImagePrePullOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.RequireEdgeLabel && string.IsNullOrWhiteSpace(options.EdgeLabel))
        {
            problems.Add("EdgeLabel must not be empty while RequireEdgeLabel is true.");
        }

        problems.AddRange(RegistryBudgetOptionsRules.Problems(options));
        if (options.LeaderElectionEnabled)
        {
            if (options.LeaderElection is null)
            {
                problems.Add("LeaderElection must be set while LeaderElectionEnabled is true.");
            }
            else
            {
                problems.AddRange(LeaderElectionOptionsValidator.Problems(options.LeaderElection));
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

namespace KubeEdge.PrePull.Runtime.LeaderElection;

/// <summary>Checks <see cref="LeaderElectionOptions"/> and names every field at fault.</summary>
internal static class LeaderElectionOptionsValidator
{
    /// <summary>Candidates wait up to this factor of <see cref="LeaderElectionOptions.RetryPeriod"/> more (client-go's JitterFactor).</summary>
    public const double JitterFactor = 1.2;

    /// <summary>Every problem of the options; empty when they are valid.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems, one sentence each.</returns>
    public static IReadOnlyList<string> Problems(LeaderElectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.LeaseName))
        {
            problems.Add("LeaderElection.LeaseName must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.LeaseNamespace))
        {
            problems.Add("LeaderElection.LeaseNamespace must not be empty.");
        }

        if (options.Identity is not null && string.IsNullOrWhiteSpace(options.Identity))
        {
            problems.Add("LeaderElection.Identity must not be blank; leave it null for the default.");
        }

        if (options.RetryPeriod <= TimeSpan.Zero)
        {
            problems.Add($"LeaderElection.RetryPeriod must be positive (was {options.RetryPeriod}).");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            // The Lease stores whole seconds.
            problems.Add($"LeaderElection.LeaseDuration must be at least 1 second (was {options.LeaseDuration}).");
        }

        if (options.LeaseDuration <= options.RenewDeadline)
        {
            problems.Add($"LeaderElection.LeaseDuration ({options.LeaseDuration}) must be greater than LeaderElection.RenewDeadline ({options.RenewDeadline}).");
        }

        if (options.RenewDeadline <= options.RetryPeriod * JitterFactor)
        {
            problems.Add($"LeaderElection.RenewDeadline ({options.RenewDeadline}) must be greater than {JitterFactor} x LeaderElection.RetryPeriod ({options.RetryPeriod}).");
        }

        return problems;
    }
}

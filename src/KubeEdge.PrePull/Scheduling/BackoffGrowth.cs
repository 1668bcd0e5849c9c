namespace KubeEdge.PrePull.Scheduling;

/// <summary>How the delay of a <see cref="RetryBackoff"/> grows from one retry to the next.</summary>
public enum BackoffGrowth
{
    /// <summary>Retry <c>n</c> waits <c>n</c> times the initial delay.</summary>
    Linear,

    /// <summary>Retry <c>n</c> waits the initial delay doubled <c>n - 1</c> times.</summary>
    Exponential,
}

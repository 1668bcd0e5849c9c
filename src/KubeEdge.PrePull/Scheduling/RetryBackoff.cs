namespace KubeEdge.PrePull.Scheduling;

/// <summary>Exponential backoff between pull attempts: initial delay doubling per retry, jitter added, capped.</summary>
internal static class RetryBackoff
{
    /// <summary>The delay before retry number <paramref name="retry"/> (1-based).</summary>
    /// <param name="retry">1 for the first retry.</param>
    /// <param name="options">Initial delay, cap and jitter.</param>
    /// <param name="random">A number in [0,1).</param>
    public static TimeSpan Delay(int retry, SchedulerOptions options, double random)
    {
        var cap = options.RetryMaxDelay.Ticks;
        // Doubling overflows long after the cap is reached, so stop doubling at the cap.
        double ticks = options.RetryInitialDelay.Ticks;
        for (var i = 1; i < retry && ticks < cap; i++)
        {
            ticks *= 2;
        }

        ticks += ticks * options.RetryJitter * random;
        return TimeSpan.FromTicks((long)Math.Min(ticks, cap));
    }
}

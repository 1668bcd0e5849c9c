namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// The one backoff of the project (docs/design.md §2, Execution): the delay before retry <c>n</c> grows from
/// <see cref="InitialDelay"/> (doubling, or in equal steps), is capped at <see cref="MaxDelay"/>, then moved by a
/// random fraction within [<c>1 - JitterBelow</c>, <c>1 + JitterAbove</c>] of itself and capped again, so that clients
/// failing together do not retry together. The scheduler's image retries add up to 20 % (<see cref="SchedulerOptions"/>);
/// the caches and work queues of the runtime use "equal jitter" (somewhere in the upper half, <c>JitterBelow = 0.5</c>).
/// Immutable and thread-safe; the caller counts its retries and supplies the random number.
/// </summary>
public sealed class RetryBackoff
{
    // 2^62 initial delays are far past any cap: the exponent stops there so that doubling cannot overflow.
    private const int MaxDoublings = 62;

    /// <summary>Creates a backoff.</summary>
    /// <param name="initialDelay">The delay before the first retry, before jitter; zero or more.</param>
    /// <param name="maxDelay">The longest delay, jitter included; at least <paramref name="initialDelay"/>.</param>
    /// <param name="growth">How the delay grows per retry.</param>
    /// <param name="jitterBelow">The largest fraction, in [0,1], a delay is shortened by at random.</param>
    /// <param name="jitterAbove">The largest fraction, in [0,1], a delay is lengthened by at random.</param>
    /// <exception cref="ArgumentOutOfRangeException">When a value is out of its range.</exception>
    public RetryBackoff(TimeSpan initialDelay, TimeSpan maxDelay, BackoffGrowth growth = BackoffGrowth.Exponential, double jitterBelow = 0, double jitterAbove = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, initialDelay);
        if (!Enum.IsDefined(growth))
        {
            throw new ArgumentOutOfRangeException(nameof(growth), growth, "Unknown growth.");
        }

        ThrowIfNotFraction(jitterBelow, nameof(jitterBelow));
        ThrowIfNotFraction(jitterAbove, nameof(jitterAbove));
        InitialDelay = initialDelay;
        MaxDelay = maxDelay;
        Growth = growth;
        JitterBelow = jitterBelow;
        JitterAbove = jitterAbove;
    }

    /// <summary>
    /// Doubling delays with "equal jitter": each drawn from the upper half of the capped delay, so that none retries
    /// much too early and clients failing together spread out (the runtime's caches and work queues).
    /// </summary>
    /// <param name="initialDelay">The delay before the first retry, before jitter.</param>
    /// <param name="maxDelay">The cap; at least <paramref name="initialDelay"/>.</param>
    /// <returns>The backoff.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When a delay is out of its range.</exception>
    public static RetryBackoff EqualJitter(TimeSpan initialDelay, TimeSpan maxDelay) =>
        new(initialDelay, maxDelay, BackoffGrowth.Exponential, jitterBelow: 0.5);

    /// <summary>The delay before the first retry, before jitter.</summary>
    public TimeSpan InitialDelay { get; }

    /// <summary>The longest delay, jitter included.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>How the delay grows per retry.</summary>
    public BackoffGrowth Growth { get; }

    /// <summary>The largest fraction a delay is shortened by at random.</summary>
    public double JitterBelow { get; }

    /// <summary>The largest fraction a delay is lengthened by at random.</summary>
    public double JitterAbove { get; }

    /// <summary>The delay before retry number <paramref name="retry"/>.</summary>
    /// <param name="retry">1 for the first retry; numbers below 1 count as 1.</param>
    /// <param name="random">A number in [0,1) that places the delay within its jitter range (e.g. <see cref="Random.NextDouble"/>).</param>
    /// <returns>The delay, between zero and <see cref="MaxDelay"/>.</returns>
    public TimeSpan Delay(int retry, double random) =>
        Compute(retry, random, InitialDelay, MaxDelay, Growth, JitterBelow, JitterAbove);

    /// <summary>The scheduler's delay before retry <paramref name="retry"/> of an image, without allocating.</summary>
    internal static TimeSpan Delay(int retry, SchedulerOptions options, double random) =>
        Compute(retry, random, options.RetryInitialDelay, options.RetryMaxDelay, BackoffGrowth.Exponential, 0, options.RetryJitter);

    private static TimeSpan Compute(int retry, double random, TimeSpan initial, TimeSpan max, BackoffGrowth growth, double below, double above)
    {
        var steps = Math.Max(retry, 1) - 1;
        var cap = (double)max.Ticks;

        // Doubles are exact enough here and cannot overflow the way shifting ticks could.
        var ticks = growth == BackoffGrowth.Exponential
            ? initial.Ticks * Math.Pow(2, Math.Min(steps, MaxDoublings))
            : initial.Ticks * (steps + 1.0);
        ticks = Math.Min(ticks, cap);
        ticks *= 1 - below + ((below + above) * random);
        return TimeSpan.FromTicks((long)Math.Min(ticks, cap));
    }

    private static void ThrowIfNotFraction(double value, string name)
    {
        if (value is < 0 or > 1 || double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "A jitter fraction must be in [0,1].");
        }
    }
}

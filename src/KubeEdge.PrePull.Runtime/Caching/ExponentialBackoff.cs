namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>
/// Delays that double after each failure up to a cap, with "equal jitter": a delay is drawn uniformly from
/// [d/2, d], so that many clients failing together do not retry together, yet none retries much too early.
/// </summary>
internal sealed class ExponentialBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Random _random;
    private int _failures;

    /// <summary>Creates a backoff.</summary>
    /// <param name="initial">The first (unjittered) delay.</param>
    /// <param name="max">The cap of the unjittered delay.</param>
    /// <param name="random">Source of jitter; <see cref="Random.Shared"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">When a delay is not positive or <paramref name="max"/> is below <paramref name="initial"/>.</exception>
    public ExponentialBackoff(TimeSpan initial, TimeSpan max, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        _initial = initial;
        _max = max;
        _random = random ?? Random.Shared;
    }

    /// <summary>Consecutive failures since the last <see cref="Reset"/>.</summary>
    public int Failures => _failures;

    /// <summary>The delay to wait after one more failure.</summary>
    /// <returns>The jittered delay.</returns>
    public TimeSpan Next()
    {
        // Doubles are exact enough here and cannot overflow the way shifting ticks could.
        var ceiling = TimeSpan.FromTicks((long)Math.Min(_max.Ticks, _initial.Ticks * Math.Pow(2, _failures)));
        _failures = Math.Min(_failures + 1, 62);
        var half = ceiling / 2;
        return half + (half * _random.NextDouble());
    }

    /// <summary>Starts over after a success.</summary>
    public void Reset() => _failures = 0;
}

using KubeEdge.PrePull.Runtime.Caching;

namespace KubeEdge.PrePull.Runtime.Tests.Caching;

/// <summary>Doubling, cap, jitter range and reset of the backoff.</summary>
public sealed class ExponentialBackoffTests
{
    [Fact]
    public void Next_ManyFailures_StaysWithinHalfToFullOfTheDoublingCappedCeiling()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(11));

        for (var i = 0; i < 100; i++)
        {
            var ceiling = Math.Min(30, Math.Pow(2, i));
            Assert.InRange(backoff.Next().TotalSeconds, ceiling / 2, ceiling);
        }

        Assert.Equal(62, backoff.Failures);
    }

    [Fact]
    public void Reset_AfterFailures_StartsFromTheFirstDelay()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(11));
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.Equal(0, backoff.Failures);
        Assert.InRange(backoff.Next().TotalSeconds, 0.5, 1);
    }

    [Fact]
    public void Constructor_CapBelowFirstDelay_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
}

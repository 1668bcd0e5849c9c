using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Tests.Scheduling;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 0.0, 1.0)]
    [InlineData(2, 0.0, 2.0)]
    [InlineData(5, 0.0, 16.0)]
    [InlineData(6, 0.0, 30.0)]
    [InlineData(60, 0.0, 30.0)]
    [InlineData(1, 0.5, 1.1)]
    [InlineData(4, 0.999, 9.5984)]
    [InlineData(5, 0.999, 19.1968)]
    [InlineData(6, 0.999, 30.0)]
    public void Delay_Retry_DoublesFromOneSecondWithJitterAndCap(int retry, double random, double expectedSeconds)
    {
        var delay = RetryBackoff.Delay(retry, new SchedulerOptions(), random);

        Assert.Equal(expectedSeconds, delay.TotalSeconds, 4);
    }

    [Fact]
    public void Delay_SchedulerOptions_SameAsTheEquivalentBackoff()
    {
        var options = new SchedulerOptions();
        var backoff = new RetryBackoff(options.RetryInitialDelay, options.RetryMaxDelay, BackoffGrowth.Exponential, jitterAbove: options.RetryJitter);

        for (var retry = 1; retry < 70; retry++)
        {
            Assert.Equal(RetryBackoff.Delay(retry, options, 0.37), backoff.Delay(retry, 0.37));
        }
    }

    // The runtime's caches and work queues: what the former ExponentialBackoff of the runtime pinned.
    [Fact]
    public void EqualJitter_ManyRetries_StaysWithinHalfToFullOfTheDoublingCappedCeiling()
    {
        var backoff = RetryBackoff.EqualJitter(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        var random = new Random(11);

        for (var i = 0; i < 100; i++)
        {
            var ceiling = Math.Min(30, Math.Pow(2, i));
            Assert.InRange(backoff.Delay(i + 1, random.NextDouble()).TotalSeconds, ceiling / 2, ceiling);
        }
    }

    [Fact]
    public void EqualJitter_FirstRetry_WithinHalfToFullOfTheFirstDelay()
    {
        var backoff = RetryBackoff.EqualJitter(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(0.5), backoff.Delay(1, 0));
        Assert.InRange(backoff.Delay(1, 0.999).TotalSeconds, 0.5, 1);
    }

    [Theory]
    [InlineData(1, 0.2)]
    [InlineData(2, 0.4)]
    [InlineData(4, 0.8)]
    [InlineData(9, 1.0)]
    public void Delay_Linear_GrowsByTheInitialDelayUpToTheCap(int retry, double expectedSeconds)
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), BackoffGrowth.Linear);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), backoff.Delay(retry, 0.9));
    }

    [Fact]
    public void Constructor_CapBelowFirstDelay_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryBackoff.EqualJitter(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));

    [Theory]
    [InlineData(-0.1, 0)]
    [InlineData(0, 1.5)]
    [InlineData(double.NaN, 0)]
    public void Constructor_JitterOutsideZeroToOne_Throws(double below, double above) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), BackoffGrowth.Exponential, below, above));
}

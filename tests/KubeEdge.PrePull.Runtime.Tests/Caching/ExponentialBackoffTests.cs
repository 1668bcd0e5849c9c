using KubeEdge.PrePull.Runtime.Caching;

namespace KubeEdge.PrePull.Runtime.Tests.Caching;

public sealed class ExponentialBackoffTests
{
    [Fact]
    public void Next_ConsecutiveFailures_DoublesWithinJitterBoundsUpToTheCap()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), new Random(7));

        var delays = new TimeSpan[6];
        for (var i = 0; i < delays.Length; i++)
        {
            delays[i] = backoff.Next();
        }

        double[] ceilings = [1, 2, 4, 8, 8, 8];
        for (var i = 0; i < delays.Length; i++)
        {
            Assert.InRange(delays[i].TotalSeconds, ceilings[i] / 2, ceilings[i]);
        }

        Assert.Equal(6, backoff.Failures);
    }

    [Fact]
    public void Next_ManyFailures_NeverOverflowsPastTheCap()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

        var last = TimeSpan.Zero;
        for (var i = 0; i < 200; i++)
        {
            last = backoff.Next();
        }

        Assert.InRange(last.TotalSeconds, 15, 30);
    }

    [Fact]
    public void Reset_AfterFailures_StartsFromTheInitialDelayAgain()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        for (var i = 0; i < 5; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.InRange(backoff.Next().TotalSeconds, 0.5, 1);
    }

    [Fact]
    public void Constructor_CapBelowInitial_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
    }
}

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
}

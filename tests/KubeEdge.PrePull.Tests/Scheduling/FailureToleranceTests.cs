using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Tests.Scheduling;

public sealed class FailureToleranceTests
{
    [Theory]
    [InlineData(1, 10, "0.1", false)]
    [InlineData(2, 10, "0.1", true)]
    [InlineData(1, 3, "0.3333333333333333333333333333", true)]   // 1/3 is not exactly representable; the product is exact
    [InlineData(1, 3, "0.3333333333333333333333333334", false)]
    [InlineData(5, 10, "0.5", false)]
    [InlineData(6, 10, "0.5", true)]
    [InlineData(0, 10, "0", false)]
    [InlineData(1, 10, "0", true)]
    [InlineData(10, 10, "1", false)]
    [InlineData(0, 0, "1", true)]
    public void IsExceeded_ExactDecimal(int failed, int total, string tolerate, bool exceeded)
    {
        Assert.Equal(exceeded, FailureTolerance.IsExceeded(failed, total, decimal.Parse(tolerate, System.Globalization.CultureInfo.InvariantCulture)));
    }
}

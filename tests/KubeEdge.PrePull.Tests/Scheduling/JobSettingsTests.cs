using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Tests.Scheduling;

public sealed class JobSettingsTests
{
    [Fact]
    public void FromTemplate_Empty_AppliesDesignDefaults()
    {
        var settings = JobSettings.FromTemplate(new ImagePrePullTemplate { Concurrency = 0, TimeoutSeconds = 0 });

        Assert.Equal(1, settings.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(300), settings.Timeout);
        Assert.Equal(0, settings.RetryTimes);
        Assert.Equal(0.1m, settings.FailureTolerate);
        Assert.Equal([CheckItems.Disk], settings.CheckItems);
        Assert.Equal(ImagePullPolicies.IfNotPresent, settings.PullPolicy);
    }

    [Fact]
    public void FromTemplate_AbsentFields_TakeImagePrePullJobDefaults()
    {
        var settings = JobSettings.FromTemplate(new ImagePrePullTemplate { FailureTolerate = "", ImagePullPolicy = "" });

        Assert.Equal(ImagePrePullJobDefaults.Concurrency, settings.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(ImagePrePullJobDefaults.TimeoutSeconds), settings.Timeout);
        Assert.Equal(ImagePrePullJobDefaults.RetryTimes, settings.RetryTimes);
        Assert.Equal(decimal.Parse(ImagePrePullJobDefaults.FailureTolerate, System.Globalization.CultureInfo.InvariantCulture), settings.FailureTolerate);
        Assert.Equal(ImagePrePullJobDefaults.CheckItems, settings.CheckItems);
        Assert.Equal(ImagePrePullJobDefaults.ImagePullPolicy, settings.PullPolicy);
    }

    [Fact]
    public void FromTemplate_EmptyCheckItems_MeansNoChecks()
    {
        Assert.Empty(JobSettings.FromTemplate(new ImagePrePullTemplate { CheckItems = [] }).CheckItems);
    }

    [Fact]
    public void FromTemplate_Values_AreKeptExactly()
    {
        var settings = JobSettings.FromTemplate(new ImagePrePullTemplate
        {
            Concurrency = 10, TimeoutSeconds = 60, RetryTimes = 2, FailureTolerate = "0.33", ImagePullPolicy = ImagePullPolicies.Always,
        });

        Assert.Equal((10, TimeSpan.FromMinutes(1), 2, 0.33m, "Always"), (settings.Concurrency, settings.Timeout, settings.RetryTimes, settings.FailureTolerate, settings.PullPolicy));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("ten percent")]
    public void FromTemplate_BadTolerate_ThrowsNamingTheField(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => JobSettings.FromTemplate(new ImagePrePullTemplate { FailureTolerate = value }));

        Assert.Contains("failureTolerate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_000_000_000_000L)]
    [InlineData(5_000_000L)]
    [InlineData(long.MaxValue)]
    public void FromTemplate_TimeoutBeyondTheLimit_ThrowsNamingFieldAndRange(long seconds)
    {
        // 1e12 used to overflow TimeSpan (OverflowException, no field named) after the job had gone InProgress.
        var error = Assert.Throws<ArgumentException>(() => JobSettings.FromTemplate(new ImagePrePullTemplate { TimeoutSeconds = seconds }));

        Assert.Equal($"spec.imagePrePullTemplate.timeoutSeconds: {seconds} is outside the allowed range 0 to 4294967.", error.Message);
    }

    [Fact]
    public void SchedulerOptions_Defaults_ArePinned()
    {
        var options = new SchedulerOptions();

        Assert.Equal(1, options.ImageParallelism);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryInitialDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RetryMaxDelay);
        Assert.Equal(0.2, options.RetryJitter);
        Assert.Equal(80, options.CheckThresholds.DiskPercent);
    }

    [Fact]
    public void SchedulerOptions_Invalid_ThrowsNamingTheProperty()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SchedulerOptions { ImageParallelism = 0 }.Validate());

        Assert.Equal("ImageParallelism", error.ParamName);
    }
}

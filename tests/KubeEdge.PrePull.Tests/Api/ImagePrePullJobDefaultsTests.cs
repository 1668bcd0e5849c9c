using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Tests.Api;

public sealed class ImagePrePullJobDefaultsTests
{
    [Fact]
    public void Constants_PinTheDocumentedDefaults()
    {
        Assert.Equal("0.1", ImagePrePullJobDefaults.FailureTolerate);
        Assert.Equal(300, ImagePrePullJobDefaults.TimeoutSeconds);
        Assert.Equal(1, ImagePrePullJobDefaults.Concurrency);
        Assert.Equal(0, ImagePrePullJobDefaults.RetryTimes);
        Assert.Equal("IfNotPresent", ImagePrePullJobDefaults.ImagePullPolicy);
        Assert.Equal(["disk"], ImagePrePullJobDefaults.CheckItems);
    }

    [Fact]
    public void Apply_AbsentFields_GetDefaults()
    {
        var applied = ImagePrePullJobDefaults.Apply(new ImagePrePullTemplate { Images = ["nginx"] });

        Assert.Equal("0.1", applied.FailureTolerate);
        Assert.Equal(300, applied.TimeoutSeconds);
        Assert.Equal(1, applied.Concurrency);
        Assert.Equal(0, applied.RetryTimes);
        Assert.Equal("IfNotPresent", applied.ImagePullPolicy);
        Assert.Equal(["disk"], applied.CheckItems!);
    }

    [Fact]
    public void Apply_PresentFields_AreKept()
    {
        var template = new ImagePrePullTemplate
        {
            FailureTolerate = "0",
            TimeoutSeconds = 20,
            Concurrency = 7,
            RetryTimes = 3,
            ImagePullPolicy = "Always",
            CheckItems = ["mem", "cpu"],
        };

        var applied = ImagePrePullJobDefaults.Apply(template);

        Assert.Equal("0", applied.FailureTolerate);
        Assert.Equal(20, applied.TimeoutSeconds);
        Assert.Equal(7, applied.Concurrency);
        Assert.Equal(3, applied.RetryTimes);
        Assert.Equal("Always", applied.ImagePullPolicy);
        Assert.Equal(["mem", "cpu"], applied.CheckItems!);
    }

    [Fact]
    public void Apply_EmptyCheckItems_MeansNoChecks()
    {
        var applied = ImagePrePullJobDefaults.Apply(new ImagePrePullTemplate { CheckItems = [] });

        Assert.Empty(applied.CheckItems!);
    }

    [Fact]
    public void Apply_ZeroConcurrencyAndTimeout_MeanTheDefault()
    {
        var applied = ImagePrePullJobDefaults.Apply(new ImagePrePullTemplate { Concurrency = 0, TimeoutSeconds = 0, RetryTimes = 0 });

        Assert.Equal(1, applied.Concurrency);
        Assert.Equal(300, applied.TimeoutSeconds);
        Assert.Equal(0, applied.RetryTimes);
    }

    [Fact]
    public void Apply_DoesNotModifyTheInput()
    {
        var template = new ImagePrePullTemplate { Images = ["nginx"] };
        var job = new ImagePrePullJob { Spec = new() { ImagePrePullTemplate = template } };

        var applied = ImagePrePullJobDefaults.Apply(job);
        applied.Spec.ImagePrePullTemplate!.Images!.Add("redis");

        Assert.Null(template.FailureTolerate);
        Assert.Null(template.CheckItems);
        Assert.Equal(["nginx"], template.Images);
        Assert.Same(template, job.Spec.ImagePrePullTemplate);
    }
}

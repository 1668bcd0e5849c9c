using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling;

/// <summary>The node checks (<c>disk</c>, <c>mem</c>, <c>cpu</c>) of a puller on the node.</summary>
public abstract partial class ImagePullerContractTests<TFixture, TPuller>
{
    [Fact]
    public async Task CheckAsync_DiskThreshold_PassesAboveUsageAndFailsBelow()
    {
        using var puller = Create();
        var items = new[] { "disk" };

        var pass = await puller.CheckAsync(new CheckRequest(Node, items, new CheckThresholds { DiskPercent = 100 }), Token);
        var fail = await puller.CheckAsync(new CheckRequest(Node, items, new CheckThresholds { DiskPercent = 0 }), Token);

        Assert.True(pass.Succeeded, pass.Reason);
        Assert.False(fail.Succeeded);
        Assert.Contains("disk usage", fail.Reason, StringComparison.Ordinal);
        Assert.Contains("above the threshold 0%", fail.Reason, StringComparison.Ordinal);
        Assert.Contains(Fixture.TempDir, fail.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_Disk_ImagesLargerThanTheFreeSpace_FailsWithBothNumbers()
    {
        Fixture.Require();
        var image = await Fixture.Alice.PushImageAsync("space/big", "v1", padding: 100_000);
        var plan = new ImagePlan(image, image, [Fixture.Alice.Credential("default/alice")]);
        var request = new CheckRequest(Node, ["disk"], new CheckThresholds { DiskPercent = 100 }) { Images = [plan, plan] };
        FreeSpace = _ => 150_000;
        using var small = Create();
        FreeSpace = _ => 10_000_000;
        using var roomy = Create();

        var fail = await small.CheckAsync(request, Token);
        var pass = await roomy.CheckAsync(request, Token);

        Assert.False(fail.Succeeded);
        var match = System.Text.RegularExpressions.Regex.Match(fail.Reason!, "^disk space: the images need (?<need>[0-9]+) bytes \\(their layers × 2 for unpacking\\) but the image filesystem at (?<path>.+) has 150000 bytes free$");
        Assert.True(match.Success, fail.Reason);
        Assert.InRange(long.Parse(match.Groups["need"].Value, System.Globalization.CultureInfo.InvariantCulture), 200_000, 240_000);
        Assert.Contains(Fixture.TempDir, match.Groups["path"].Value, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.Alice.Password, fail.Reason, StringComparison.Ordinal);
        Assert.True(pass.Succeeded, pass.Reason);
    }

    [Fact]
    public async Task CheckAsync_MemAndCpu_ReadFromProc()
    {
        using var puller = Create();

        var pass = await puller.CheckAsync(new CheckRequest(Node, ["mem", "cpu"], new CheckThresholds { MemPercent = 100, CpuPercent = 100 }), Token);
        var fail = await puller.CheckAsync(new CheckRequest(Node, ["mem"], new CheckThresholds { MemPercent = 0 }), Token);

        Assert.True(pass.Succeeded, pass.Reason);
        Assert.False(fail.Succeeded);
        Assert.StartsWith("memory usage", fail.Reason, StringComparison.Ordinal);
        Assert.Equal(new[] { "disk", "mem", "cpu" }, puller.SupportedCheckItems);
    }

    [Fact]
    public async Task CheckAsync_UnknownItem_FailsNamingIt()
    {
        using var puller = Create();

        var result = await puller.CheckAsync(new CheckRequest(Node, ["gpu"], CheckThresholds.Default), Token);

        Assert.False(result.Succeeded);
        Assert.Contains("\"gpu\" is not supported", result.Reason, StringComparison.Ordinal);
    }
}

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

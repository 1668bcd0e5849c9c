using KubeEdge.PrePull.Api;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>The parts of the controller log under their own categories, so an operator can turn one up alone.</summary>
public sealed class ControllerLoggingTests : ControllerTests
{
    private const string CachingCategory = "KubeEdge.PrePull.Runtime.Caching";

    [Fact]
    public async Task Logging_CachingCategoryTurnedUpAlone_OnlyTheCachesLogBelowWarning()
    {
        var nodes = Cluster.AddNodes(1);
        using var logs = new FakeLoggerProvider();
        using var host = Cluster.BuildController(logging: l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Warning).AddFilter(CachingCategory, LogLevel.Debug));
        await host.StartAsync(ControllerCluster.Ct);
        try
        {
            await Cluster.CreateJobAsync(ControllerLifecycleTests.Job("quiet", nodes));
            await Cluster.WaitForPhaseAsync("quiet", JobPhases.Completed);
        }
        finally
        {
            await host.StopAsync(ControllerCluster.Ct);
        }

        var records = logs.Collector.GetSnapshot();
        Assert.Contains(records, r => r.Id.Id == 100 && r.Level == LogLevel.Information && r.Category == CachingCategory);
        Assert.All(records.Where(r => r.Id.Id is >= 100 and < 150), r => Assert.Equal(CachingCategory, r.Category));
        Assert.DoesNotContain(records, r => r.Level < LogLevel.Warning && r.Category != CachingCategory);
    }
}

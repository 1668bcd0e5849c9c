using System.Diagnostics.Metrics;
using KubeEdge.PrePull.Runtime.Telemetry;
using KubeEdge.PrePull.Scheduling;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Telemetry;

/// <summary>What the registry budget reports becomes instruments and a log line (docs/design.md §2 "Registry budget").</summary>
public sealed class RegistryBudgetTelemetryTests
{
    [Fact]
    public void Reports_BecomeWaitingCountsDurationsBackoffsAndAWarning()
    {
        using var meters = new TestMeterFactory();
        var logger = new FakeLogger();
        var telemetry = new RegistryBudgetTelemetry(meters, logger);
        using var waiting = new MetricCollector<long>(meters, PrePullTelemetry.Name, PrePullTelemetry.RegistryWaitingInstrument);
        using var durations = new MetricCollector<double>(meters, PrePullTelemetry.Name, PrePullTelemetry.RegistryWaitDurationInstrument);
        using var backoffs = new MetricCollector<long>(meters, PrePullTelemetry.Name, PrePullTelemetry.RegistryBackoffsInstrument);

        telemetry.WaitStarted("docker.io", RegistryWaitCause.Slot);
        telemetry.WaitEnded("docker.io", RegistryWaitCause.Slot, TimeSpan.FromSeconds(3));
        telemetry.WaitStarted("docker.io", RegistryWaitCause.RateLimit);
        telemetry.BackedOff("docker.io", TimeSpan.FromSeconds(30), new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero));

        Assert.Equal([1L, -1L, 1L], waiting.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal(["slot", "slot", "ratelimit"], waiting.GetMeasurementSnapshot().Select(m => (string)m.Tags[PrePullTelemetry.CauseTag]!));
        Assert.All(waiting.GetMeasurementSnapshot(), m => Assert.Equal("docker.io", m.Tags[PrePullTelemetry.RegistryTag]));
        Assert.Equal(3.0, Assert.Single(durations.GetMeasurementSnapshot()).Value);
        Assert.Equal(1, Assert.Single(backoffs.GetMeasurementSnapshot()).Value);
        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(270, record.Id.Id);
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal("Registry docker.io answered 429 Too Many Requests: no new pulls to it for 30s, until 2026-01-01T00:00:30.0000000+00:00", record.Message);
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }
}

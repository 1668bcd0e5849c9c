using System.Diagnostics;
using System.Diagnostics.Metrics;
using KubeEdge.PrePull.Scheduling;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Telemetry;

/// <summary>
/// Turns what the core's <see cref="RegistryBudget"/> reports into instruments and logs (docs/design.md §2 "Registry
/// budget"): images waiting per registry and cause, how long they waited, and each 429 back-off. Tags are registry
/// hosts and causes only.
/// </summary>
internal sealed class RegistryBudgetTelemetry : IRegistryBudgetListener
{
    private readonly UpDownCounter<long> _waiting;
    private readonly Histogram<double> _waitDuration;
    private readonly Counter<long> _backoffs;
    private readonly ILogger _logger;

    public RegistryBudgetTelemetry(IMeterFactory meterFactory, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(logger);
        var meter = meterFactory.Create(PrePullTelemetry.Name);
        _waiting = meter.CreateUpDownCounter<long>(PrePullTelemetry.RegistryWaitingInstrument, "{image}", "Images waiting for their registry now, by registry and cause.");
        _waitDuration = meter.CreateHistogram<double>(PrePullTelemetry.RegistryWaitDurationInstrument, "s", "How long images waited for their registry, by registry and cause.");
        _backoffs = meter.CreateCounter<long>(PrePullTelemetry.RegistryBackoffsInstrument, "{backoff}", "429 answers that backed a registry off fleet-wide, by registry.");
        _logger = logger;
    }

    public void WaitStarted(string registry, RegistryWaitCause cause) => _waiting.Add(1, Tags(registry, cause));

    public void WaitEnded(string registry, RegistryWaitCause cause, TimeSpan waited)
    {
        var tags = Tags(registry, cause);
        _waiting.Add(-1, tags);
        _waitDuration.Record(waited.TotalSeconds, tags);
    }

    public void BackedOff(string registry, TimeSpan delay, DateTimeOffset until)
    {
        _backoffs.Add(1, new KeyValuePair<string, object?>(PrePullTelemetry.RegistryTag, registry));
        Controller.Log.RegistryBackedOff(_logger, registry, delay.TotalSeconds, until);
    }

    private static TagList Tags(string registry, RegistryWaitCause cause) => new()
    {
        { PrePullTelemetry.RegistryTag, registry },
        { PrePullTelemetry.CauseTag, cause == RegistryWaitCause.RateLimit ? "ratelimit" : "slot" },
    };
}

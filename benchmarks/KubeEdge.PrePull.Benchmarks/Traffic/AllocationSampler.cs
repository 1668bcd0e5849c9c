using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace KubeEdge.PrePull.Benchmarks.Traffic;

/// <summary>
/// Samples the runtime's allocation ticks (one event about every 100 KB allocated, with the type of the object that
/// crossed the mark) to show by type where the controller's bytes go; on when <c>PREPULL_ALLOCATION_TYPES=1</c>.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    /// <summary>The top <paramref name="count"/> types by sampled bytes, as markdown rows of KB per node.</summary>
    public IEnumerable<string> Rows(int count, int nodes)
    {
        var total = _bytes.Values.Sum();
        foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(count))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"| `{type}` | {bytes / 1024.0 / nodes:F1} KB | {100.0 * bytes / total:F1} % |");
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var type = eventData.PayloadNames!.IndexOf("TypeName") is var i and >= 0 ? eventData.Payload[i] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var j and >= 0 ? Convert.ToInt64(eventData.Payload[j], CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, n) => n + amount);
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace KubeEdge.PrePull.Runtime.Telemetry;

/// <summary>The controller's instruments, from the host's <see cref="IMeterFactory"/>. Tags never carry secrets.</summary>
internal sealed class PrePullMetrics
{
    private readonly Counter<long> _jobs;
    private readonly Counter<long> _nodes;
    private readonly Counter<long> _pulls;
    private readonly Histogram<double> _pullDuration;

    public PrePullMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(PrePullTelemetry.Name);
        _jobs = meter.CreateCounter<long>(PrePullTelemetry.JobsInstrument, "{job}", "Jobs that finished, by result.");
        _nodes = meter.CreateCounter<long>(PrePullTelemetry.NodesInstrument, "{node}", "Nodes that finished, by result.");
        _pulls = meter.CreateCounter<long>(PrePullTelemetry.ImagePullsInstrument, "{pull}", "Image pull attempts, by result and backend.");
        _pullDuration = meter.CreateHistogram<double>(PrePullTelemetry.ImagePullDurationInstrument, "s", "Duration of image pull attempts.");
    }

    public void JobFinished(string phase) => _jobs.Add(1, new KeyValuePair<string, object?>(PrePullTelemetry.ResultTag, phase));

    public void NodeFinished(string phase) => _nodes.Add(1, new KeyValuePair<string, object?>(PrePullTelemetry.ResultTag, phase));

    public void PullFinished(string result, string backend, TimeSpan duration)
    {
        var tags = new TagList
        {
            { PrePullTelemetry.ResultTag, result },
            { PrePullTelemetry.BackendTag, backend },
        };
        _pulls.Add(1, tags);
        _pullDuration.Record(duration.TotalSeconds, tags);
    }
}

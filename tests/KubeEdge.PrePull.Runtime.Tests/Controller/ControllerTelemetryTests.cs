using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Telemetry;
using KubeEdge.PrePull.Testing.Fleet;
using Microsoft.Extensions.DependencyInjection;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>Metrics and spans of a job run: what dashboards read, and never a secret.</summary>
public sealed class ControllerTelemetryTests : ControllerTests
{
    private const string Marker = "Telemetry-Secret-Marker-91c2";
    [Fact]
    public async Task JobRun_RecordsJobNodeAndPullMetricsAndSpans_WithoutSecrets()
    {
        var nodes = Cluster.AddNodes(2);
        Cluster.Server.Fleet.SetImage("registry.example.org/team/private:1", ImagePullBehavior.Fail("rpc error: code = Unknown desc = 401 Unauthorized"));
        await Cluster.CreateRegistrySecretAsync("default", "org-secret", "registry.example.org", "robot", Marker);
        var host = Cluster.BuildController();
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this host's meter: other tests run controllers in parallel.
            if (instrument.Meter.Name == PrePullTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
        listener.Start();
        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == PrePullTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.GetTagItem("kubeedge.prepull.job") as string == "telemetry")
                {
                    spans.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(activities);
        await host.StartAsync(ControllerCluster.Ct);
        try
        {
            var job = ControllerLifecycleTests.Job("telemetry", nodes, 2, "nginx:1.27", "registry.example.org/team/private:1");
            job.Spec.ImagePrePullTemplate!.PullSecrets = ["default/org-secret"];
            job.Spec.ImagePrePullTemplate.FailureTolerate = "1";
            await Cluster.CreateJobAsync(job);
            await Cluster.WaitForPhaseAsync("telemetry", JobPhases.Completed);

            // The job's own metric and span are recorded by the controller's run after the status write the test saw.
            await Eventually.WaitUntilAsync(
                () => measurements.Any(m => m.Instrument == PrePullTelemetry.JobsInstrument) && spans.Any(s => s.OperationName == "prepull job telemetry"),
                "the controller records the job's metric and span");
        }
        finally
        {
            await host.StopAsync(ControllerCluster.Ct);
            host.Dispose();
        }

        var recorded = measurements.ToArray();
        Assert.Contains(recorded, m => m.Instrument == PrePullTelemetry.JobsInstrument && Tag(m.Tags, PrePullTelemetry.ResultTag) == JobPhases.Completed);
        Assert.Equal(2, recorded.Count(m => m.Instrument == PrePullTelemetry.NodesInstrument && Tag(m.Tags, PrePullTelemetry.ResultTag) == NodeTaskPhases.Failure));
        Assert.Equal(2, recorded.Count(m => m.Instrument == PrePullTelemetry.ImagePullsInstrument && Tag(m.Tags, PrePullTelemetry.ResultTag) == "success" && Tag(m.Tags, PrePullTelemetry.BackendTag) == "podapply"));
        Assert.Equal(2, recorded.Count(m => m.Instrument == PrePullTelemetry.ImagePullsInstrument && Tag(m.Tags, PrePullTelemetry.ResultTag) != "success"));
        Assert.Equal(4, recorded.Count(m => m.Instrument == PrePullTelemetry.ImagePullDurationInstrument && m.Value >= 0));
        var finished = spans.ToArray();
        Assert.Single(finished, s => s.OperationName == "prepull job telemetry");
        Assert.Equal(nodes.Order(StringComparer.Ordinal), finished.Where(s => s.OperationName.StartsWith("prepull node ", StringComparison.Ordinal)).Select(s => (string)s.GetTagItem("kubeedge.prepull.node")!).Order(StringComparer.Ordinal));

        var everything = string.Join('\n', recorded.SelectMany(m => m.Tags).Select(t => t.Key + "=" + t.Value)
            .Concat(finished.SelectMany(s => s.TagObjects).Select(t => t.Key + "=" + t.Value))
            .Concat(Cluster.Logs.Collector.GetSnapshot().Select(r => r.Message + r.Exception)));
        Assert.DoesNotContain(Marker, everything, StringComparison.Ordinal);
    }

    private static string? Tag(KeyValuePair<string, object?>[] tags, string key) => tags.FirstOrDefault(t => t.Key == key).Value as string;
}

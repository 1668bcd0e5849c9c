using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>The controller's pull budget per registry across jobs (docs/design.md §2 "Registry budget"), through PodApply and simulated kubelets.</summary>
public sealed class ControllerRegistryBudgetTests : ControllerTests
{
    private const string Harbor = "harbor.example.com";
    private const string HarborImage = "harbor.example.com/edge/app:1";
    private const string QuayImage = "quay.io/edge/tool:1";
    private const string Marker = "Budget-Secret-Marker-7d41";

    [Fact]
    public async Task TwoJobs_ShareTheRegistryCap_TheKubeletsNeverPullMore_WaitingShowsInStatusAndMetrics_WithoutSecrets()
    {
        var nodes = Cluster.AddNodes(8);
        var kubelets = new HostCountingKubeletPuller();
        Cluster.Server.Fleet.Puller = kubelets;
        await Cluster.CreateRegistrySecretAsync("default", "harbor-secret", Harbor, "robot", Marker);
        var host = Cluster.BuildController(o => o.RegistryConcurrency["HARBOR.example.com"] = 2);
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PrePullTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
        listener.Start();
        await host.StartAsync(ControllerCluster.Ct);
        try
        {
            foreach (var (name, part) in new[] { ("budget-a", nodes.Take(4)), ("budget-b", nodes.Skip(4)) })
            {
                var job = ControllerLifecycleTests.Job(name, part, 4, HarborImage, QuayImage);
                job.Spec.ImagePrePullTemplate!.PullSecrets = ["default/harbor-secret"];
                await Cluster.CreateJobAsync(job);
            }

            // Two nodes hold harbor's slots (their kubelets pull, held); every other node waits and says so.
            await ControllerCluster.UntilAsync(() => Task.FromResult(kubelets.InFlight(Harbor) == 2), () => $"two harbor pulls are in flight at the kubelets ({kubelets.InFlight(Harbor)})");
            List<ImageStatus> shown = [];
            await ControllerCluster.UntilAsync(
                async () =>
                {
                    var jobs = new[] { await Cluster.GetJobAsync("budget-a"), await Cluster.GetJobAsync("budget-b") };
                    shown = [.. jobs.SelectMany(j => j?.Status?.NodeStatus ?? []).SelectMany(n => n.ImageStatus ?? []).Where(i => i.Status == ConditionStatuses.Unknown)];
                    return shown.Count == 6;
                },
                () => $"the six other nodes show their harbor image waiting ({shown.Count} do)");
            Assert.All(shown, i => Assert.Equal("waiting for a pull slot of registry harbor.example.com (its budget of 2 pulls in flight is in use)", i.Reason));
            Assert.Equal(2, kubelets.MaxInFlight(Harbor));

            kubelets.Open();
            var done = await Task.WhenAll(Cluster.WaitForPhaseAsync("budget-a", JobPhases.Completed), Cluster.WaitForPhaseAsync("budget-b", JobPhases.Completed));

            Assert.All(done, j => Assert.Equal(4, j.Status!.Summary!.Successful));
            Assert.All(done.SelectMany(j => j.Status!.NodeStatus!).SelectMany(n => n.ImageStatus!), i => Assert.Equal(ConditionStatuses.True, i.Status));
            Assert.Equal(2, kubelets.MaxInFlight(Harbor));
            Assert.Equal(16, kubelets.Total);
            await Eventually.WaitUntilAsync(
                () => measurements.Any(m => m.Instrument == PrePullTelemetry.RegistryWaitDurationInstrument),
                "the controller records how long images waited");
            var recorded = measurements.ToArray();
            Assert.Contains(recorded, m => m.Instrument == PrePullTelemetry.RegistryWaitingInstrument && m.Value == 1
                && Tag(m.Tags, PrePullTelemetry.RegistryTag) == Harbor && Tag(m.Tags, PrePullTelemetry.CauseTag) == "slot");
            // Every wait that started ended: the up-down counter is back at zero for harbor.
            Assert.Equal(0, recorded.Where(m => m.Instrument == PrePullTelemetry.RegistryWaitingInstrument && Tag(m.Tags, PrePullTelemetry.RegistryTag) == Harbor).Sum(m => m.Value));
            var everything = string.Join('\n', recorded.SelectMany(m => m.Tags).Select(t => t.Key + "=" + t.Value)
                .Concat(Cluster.Logs.Collector.GetSnapshot().Select(r => r.Message + r.Exception))
                .Concat(done.Select(j => k8s.KubernetesJson.Serialize(j.Status))));
            Assert.DoesNotContain(Marker, everything, StringComparison.Ordinal);
        }
        finally
        {
            kubelets.Open();
            await host.StopAsync(ControllerCluster.Ct);
            host.Dispose();
        }
    }

    private static string? Tag(KeyValuePair<string, object?>[] tags, string key) => tags.FirstOrDefault(t => t.Key == key).Value as string;
}

using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.DependencyInjection;
using KubeEdge.PrePull.Runtime.Events;
using KubeEdge.PrePull.Runtime.Pulling.PodApply;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// <c>completionPolicy.ttlSecondsAfterFinished</c> (docs/design.md §2 "Life cycle"): a finished job is deleted the TTL
/// after <c>status.completionTime</c>, through the finalizer path, also when the controller restarted in between.
/// The controller's clock is a <see cref="PumpedClock"/> the tests move over the TTL.
/// </summary>
public sealed class ControllerTtlTests : ControllerTests
{
    private const int TtlWaitingLog = 262;
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(1);

    internal static ImagePrePullJob Job(string name, IEnumerable<string> nodes, int? ttl)
    {
        var job = ControllerLifecycleTests.Job(name, nodes, concurrency: 2);
        job.Spec.CompletionPolicy = new CompletionPolicy { TtlSecondsAfterFinished = ttl };
        return job;
    }

    [Fact]
    public async Task FinishedJob_IsDeletedTtlAfterCompletion_ThroughTheFinalizer()
    {
        var nodes = Cluster.AddNodes(2);
        await using var clock = new PumpedClock();
        var host = await StartAsync(clock);
        await Cluster.CreateJobAsync(Job("ttl", nodes, (int)Ttl.TotalSeconds));
        var done = await Cluster.WaitForPhaseAsync("ttl", JobPhases.Completed);
        var deleteAt = done.Status!.CompletionTime!.Value + Ttl;

        // Scheduled from completionTime, not deleted before.
        await WaitForTtlLogAsync(deleteAt, count: 1);
        Assert.NotNull(await Cluster.GetJobAsync("ttl"));

        // What an earlier process left behind: only the finalizer's sweep removes it.
        await PlantLeftoversAsync(done.Metadata.Uid);
        clock.Time.Advance(Ttl);

        await ControllerCluster.UntilAsync(async () => await Cluster.GetJobAsync("ttl") is null, () => "the job is deleted");
        Assert.Empty(await Cluster.PodsAsync());
        Assert.Empty(await Cluster.PodNamespaceSecretsAsync());
        var expired = Assert.Single(await Cluster.EventsAsync("ttl"), e => e.Reason == JobEventReasons.Expired);
        Assert.Equal("ttlSecondsAfterFinished (3600 s) has passed since the job finished; deleting it", expired.Message);
        await Cluster.StopAsync(host);
    }

    [Fact]
    public async Task ControllerRestartedDuringTheTtlWait_DeletesAtCompletionPlusTtl()
    {
        var nodes = Cluster.AddNodes(2);
        await using var clock = new PumpedClock();
        var first = await StartAsync(clock);
        await Cluster.CreateJobAsync(Job("ttl-restart", nodes, (int)Ttl.TotalSeconds));
        var done = await Cluster.WaitForPhaseAsync("ttl-restart", JobPhases.Completed);
        var deleteAt = done.Status!.CompletionTime!.Value + Ttl;
        await WaitForTtlLogAsync(deleteAt, count: 1);
        await Cluster.StopAsync(first);

        // Down for half the TTL; the new process computes the same deadline from the stored completionTime (a timer
        // started by the new process would wait a whole TTL from here, past the moment the clock is moved to below).
        clock.Time.Advance(Ttl / 2);
        var second = await StartAsync(clock);
        await WaitForTtlLogAsync(deleteAt, count: 2);
        Assert.NotNull(await Cluster.GetJobAsync("ttl-restart"));
        clock.Time.Advance(Ttl / 2);

        await ControllerCluster.UntilAsync(async () => await Cluster.GetJobAsync("ttl-restart") is null, () => "the job is deleted at completionTime + TTL");
        Assert.Single(await Cluster.EventsAsync("ttl-restart"), e => e.Reason == JobEventReasons.Expired);
        await Cluster.StopAsync(second);
    }

    [Fact]
    public async Task TtlZero_FailedJobToo_IsDeletedAsSoonAsItFinishes()
    {
        var nodes = Cluster.AddNodes(1);
        await Cluster.StartControllerAsync();
        var job = Job("ttl-zero", nodes, 0);
        job.Spec.ImagePrePullTemplate!.NodeNames = [nodes[0], "not-a-node"];
        await Cluster.CreateJobAsync(job);

        await ControllerCluster.UntilAsync(
            async () => (await Cluster.EventsAsync("ttl-zero")).Any(e => e.Reason == JobEventReasons.Failed) && await Cluster.GetJobAsync("ttl-zero") is null,
            () => "the failed job is deleted");
        Assert.Empty(await Cluster.PodsAsync());
    }

    [Fact]
    public async Task NoTtl_FinishedJobIsKept()
    {
        var nodes = Cluster.AddNodes(1);
        await using var clock = new PumpedClock();
        var host = await StartAsync(clock);
        await Cluster.CreateJobAsync(Job("kept", nodes, ttl: null));
        await Cluster.WaitForPhaseAsync("kept", JobPhases.Completed);

        // A later job with a TTL is scheduled after "kept" was looked at; a whole TTL later "kept" is still there.
        await Cluster.CreateJobAsync(Job("marker", nodes, (int)Ttl.TotalSeconds));
        var marker = await Cluster.WaitForPhaseAsync("marker", JobPhases.Completed);
        await WaitForTtlLogAsync(marker.Status!.CompletionTime!.Value + Ttl, count: 1);
        clock.Time.Advance(Ttl);
        await ControllerCluster.UntilAsync(async () => await Cluster.GetJobAsync("marker") is null, () => "the marker job is deleted");

        Assert.NotNull(await Cluster.GetJobAsync("kept"));
        Assert.DoesNotContain(Cluster.Logs.Collector.GetSnapshot(), r => r.Id.Id == TtlWaitingLog && r.Message.Contains("Job kept ", StringComparison.Ordinal));
        await Cluster.StopAsync(host);
    }

    /// <summary>A PodApply controller host on <paramref name="clock"/>; stopped by the test or on dispose.</summary>
    private async Task<IHost> StartAsync(PumpedClock clock)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(Cluster.Logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton<TimeProvider>(clock.Time);
        builder.Services.AddImagePrePull(o =>
            {
                o.LeaderElectionEnabled = false;
                o.StatusFlushInterval = ControllerCluster.FlushInterval;
            })
            .UseKubernetes(_ => Cluster.Api.CreateClient())
            .AddPodApplyPuller();
        var host = builder.Build();
        await Cluster.StartHostAsync(host);
        return host;
    }

    /// <summary>Waits until the controller has logged, <paramref name="count"/> times, that the TTL deletes the job at <paramref name="deleteAt"/>.</summary>
    private Task WaitForTtlLogAsync(DateTimeOffset deleteAt, int count)
    {
        var text = "its TTL deletes it at " + deleteAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return ControllerCluster.UntilAsync(
            () => Task.FromResult(Cluster.Logs.Collector.GetSnapshot().Count(r => r.Id.Id == TtlWaitingLog && r.Message.EndsWith(text, StringComparison.Ordinal)) >= count),
            () => $"the controller logged '{text}' {count} times; TTL logs: {string.Join(" | ", Cluster.Logs.Collector.GetSnapshot().Where(r => r.Id.Id == TtlWaitingLog).Select(r => r.Message))}");
    }

    private async Task PlantLeftoversAsync(string uid)
    {
        var labels = new Dictionary<string, string> { [PodApplyNames.JobUidLabel] = uid, [PodApplyNames.ManagedByLabel] = PodApplyNames.ManagedBy };
        var ns = PodApplyOptions.DefaultNamespace;
        await Cluster.Client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "leftover", NamespaceProperty = ns, Labels = labels },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx:1.27" }] },
            },
            ns,
            cancellationToken: ControllerCluster.Ct);
        await Cluster.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "leftover", NamespaceProperty = ns, Labels = labels }, Type = "Opaque" },
            ns,
            cancellationToken: ControllerCluster.Ct);
        Assert.Single(await Cluster.PodsAsync());
        Assert.Single(await Cluster.PodNamespaceSecretsAsync());
    }
}

using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Controller;
using KubeEdge.PrePull.Runtime.Events;
using KubeEdge.PrePull.Runtime.Pulling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using KubeEdge.PrePull.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// Issue 16, item 4: numbers that passed validation and then broke the run. A job the scheduler cannot run is refused
/// with the field and its range; a job that fails to start ends Failure once, not retried hot with an event per retry.
/// </summary>
public sealed class ControllerLimitsTests : ControllerTests
{
    private const string Password = "pw-never-in-status-7f3a";

    // The CRD now bounds these numbers, so kube-apiserver (and the embedded server) refuse such a job; one stored
    // under an older CRD, or by a server that does not check, still reaches the controller, which is what these test.
    protected override EmbeddedApiServerOptions ServerOptions => new() { ValidateCustomResources = false };

    public static TheoryData<long> TimeoutsBeyondTheLimit() => new()
    {
        // The scheduler refused it after validation: the job was retried forever (56k events in 80 s).
        5_000_000,
        // kubectl sends 1e12 as 1000000000000: TimeSpan overflowed after the job went InProgress, which it then stayed.
        1_000_000_000_000,
    };

    [Theory]
    [MemberData(nameof(TimeoutsBeyondTheLimit))]
    public async Task TimeoutBeyondTheLimit_FailsNamingFieldAndRange_WithOneEventAndNoStart(long seconds)
    {
        var nodes = Cluster.AddNodes(2);
        await Cluster.StartControllerAsync();
        var job = ControllerLifecycleTests.Job("huge-timeout", nodes);
        job.Spec.ImagePrePullTemplate!.TimeoutSeconds = seconds;
        await Cluster.CreateJobAsync(job);

        var failed = await Cluster.WaitForPhaseAsync("huge-timeout", JobPhases.Failure);

        Assert.Equal(
            $"spec.imagePrePullTemplate.timeoutSeconds: Invalid value: {seconds}: must be less than or equal to 4294967 (allowed range: 0 to 4294967)",
            failed.Status!.Reason);
        // The event follows the status write.
        IList<k8s.Models.Corev1Event> events = [];
        await ControllerCluster.UntilAsync(async () => (events = await Cluster.EventsAsync("huge-timeout")).Count > 0, () => "no event for the job");
        var only = Assert.Single(events);
        Assert.Equal(JobEventReasons.Failed, only.Reason);
        Assert.Equal(1, only.Count);
        Assert.Empty(await Cluster.PodsAsync());
    }

    [Fact]
    public async Task StartFailure_EndsFailureWithTheReason_NotRetried()
    {
        // Whatever slips past validation and fails before the first dispatch (here: the backend refuses the job).
        var nodes = Cluster.AddNodes(2);
        var factory = new RefusingPullerFactory();
        using var host = await StartControllerWithAsync(factory);
        try
        {
            await Cluster.CreateRegistrySecretAsync("default", "harbor-secret", "harbor.example.com", "robot", Password);
            var job = ControllerLifecycleTests.Job("cannot-start", nodes, images: "harbor.example.com/team/app:v1");
            job.Spec.ImagePrePullTemplate!.PullSecrets = ["default/harbor-secret"];
            await Cluster.CreateJobAsync(job);

            var failed = await Cluster.WaitForPhaseAsync("cannot-start", JobPhases.Failure);

            Assert.Equal("The job could not start: the backend refuses this job", failed.Status!.Reason);
            // Failure is final: the job is not started again (before, it went back to InProgress every few seconds).
            Assert.Equal(1, factory.Calls);
            IList<k8s.Models.Corev1Event> events = [];
            await ControllerCluster.UntilAsync(async () => (events = await Cluster.EventsAsync("cannot-start")).Any(e => e.Reason == JobEventReasons.Failed), () => "no JobFailed event");
            Assert.All(events, e => Assert.Equal(1, e.Count));
            Assert.Single(events, e => e.Reason == JobEventReasons.Failed);
            Assert.Single(events, e => e.Reason == JobEventReasons.Started);
            // The reason and the events of a start failure carry no secret byte.
            Assert.DoesNotContain(Password, KubernetesJson.Serialize(failed.Status), StringComparison.Ordinal);
            Assert.All(events, e => Assert.DoesNotContain(Password, e.Message, StringComparison.Ordinal));
            Assert.All(Cluster.Logs.Collector.GetSnapshot(), r => Assert.DoesNotContain(Password, $"{r.Message} {r.Exception}", StringComparison.Ordinal));
            Assert.Contains(Cluster.Logs.Collector.GetSnapshot(), r => r.Message.Contains("could not start", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task RerunThatCannotStart_EndsFailure_KeepsTheNodesThatSucceeded()
    {
        // The first run: node 1 fails, the others succeed. The rerun's backend then refuses the job after the rerun's
        // InProgress write: before, the Failure write replaced nodeStatus with an empty list, so the two nodes that had
        // succeeded (and were kept by the rerun) vanished from the status.
        var nodes = Cluster.AddNodes(3);
        var factory = new RefusingSecondRunFactory(failing: nodes[1]);
        using var host = await StartControllerWithAsync(factory);
        try
        {
            var job = ControllerLifecycleTests.Job("rerun-cannot-start", nodes, images: "harbor.example.com/team/app:v1");
            job.Spec.ImagePrePullTemplate!.FailureTolerate = "0";
            await Cluster.CreateJobAsync(job);
            var failed = await Cluster.WaitForPhaseAsync("rerun-cannot-start", JobPhases.Failure);
            Assert.Equal(2, failed.Status!.Summary!.Successful);

            await Cluster.SetRerunAsync("rerun-cannot-start", "1");
            var refused = await Cluster.WaitForJobAsync(
                "rerun-cannot-start",
                j => j.Status?.Phase == JobPhases.Failure && j.Status.ObservedRerun == "1" && j.Status.Reason is { } r && r.StartsWith(StartFailure.ReasonPrefix, StringComparison.Ordinal),
                "ends Failure after the rerun could not start");

            Assert.Equal(2, factory.Calls);
            Assert.Equal("The job could not start: the backend refuses the rerun", refused.Status!.Reason);
            var entries = refused.Status.NodeStatus!.ToDictionary(n => n.NodeName!, StringComparer.Ordinal);
            Assert.Equal(3, entries.Count);
            Assert.Equal(NodeTaskPhases.Successful, entries[nodes[0]].Phase);
            Assert.Equal(NodeTaskPhases.Successful, entries[nodes[2]].Phase);
            Assert.Equal(NodeTaskPhases.Failure, entries[nodes[1]].Phase);
            Assert.Equal(refused.Status.Reason, entries[nodes[1]].Reason);
            Assert.Equal(2, refused.Status.Summary!.Successful);
            Assert.Equal(1, refused.Status.Summary.Failed);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private async Task<IHost> StartControllerWithAsync(IJobPullerFactory factory)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(Cluster.Logs).SetMinimumLevel(LogLevel.Trace);
        // Registered first: the backend's own registration only adds its factory when none is there.
        builder.Services.AddSingleton(factory);
        builder.Services.AddImagePrePull(o =>
            {
                o.LeaderElectionEnabled = false;
                o.StatusFlushInterval = ControllerCluster.FlushInterval;
            })
            .UseKubernetes(Cluster.Server.CreateClientConfiguration())
            .AddPodApplyPuller();
        var host = builder.Build();
        await host.StartAsync(ControllerCluster.Ct);
        return host;
    }

    /// <summary>Runs the first job with an in-process puller that fails one node; refuses every later run.</summary>
    private sealed class RefusingSecondRunFactory(string failing) : IJobPullerFactory
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Name => "refusing-second-run";

        public IImagePuller CreateForJob(ImagePrePullJob job) =>
            Interlocked.Increment(ref _calls) == 1
                ? new OneNodeFailingPuller(failing)
                : throw new InvalidOperationException("the backend refuses the rerun");
    }

    private sealed class OneNodeFailingPuller(string failing) : IImagePuller
    {
        public string Name => "one-node-failing";

        public IReadOnlyCollection<string> SupportedCheckItems => [];

        public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(CheckResult.Passed);

        public ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(request.NodeName == failing
                ? PullResult.Failure(PullFailureKind.NotFound, "manifest unknown")
                : PullResult.Success("sha256:" + new string('b', 64)));
    }

    private sealed class RefusingPullerFactory : IJobPullerFactory
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Name => "refusing";

        public IImagePuller CreateForJob(ImagePrePullJob job)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("the backend refuses this job");
        }
    }
}

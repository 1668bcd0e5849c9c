using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Events;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// The rerun annotation (docs/design.md §2 "Life cycle"): a new value on a finished job runs its <c>Failure</c> and
/// <c>Unknown</c> nodes again, never its successful ones; <c>status.observedRerun</c> makes each value act once, also
/// across controller restarts; a value set while the job runs waits until it finishes.
/// </summary>
public sealed class ControllerRerunTests : ControllerTests
{
    private const int TtlWaitingLog = 262;

    private static ImagePrePullJob Job(string name, IReadOnlyList<string> nodes)
    {
        var job = ControllerLifecycleTests.Job(name, nodes, concurrency: 4);
        job.Spec.ImagePrePullTemplate!.FailureTolerate = "0";
        return job;
    }

    [Fact]
    public async Task NewValue_OnFailedJob_RerunsOnlyFailedNodes_AndRecomputesThePhase()
    {
        var nodes = Cluster.AddNodes(4);
        var kubelets = new RerunKubeletPuller();
        kubelets.Fail(nodes[1], nodes[3]);
        Cluster.Server.Fleet.Puller = kubelets;
        await Cluster.StartControllerAsync();
        await Cluster.CreateJobAsync(Job("rerun", nodes));
        var failed = await Cluster.WaitForPhaseAsync("rerun", JobPhases.Failure);
        Assert.Equal(2, failed.Status!.Summary!.Failed);
        Assert.Null(failed.Status.ObservedRerun);
        var before = nodes.Select(kubelets.PullsOf).ToList();

        kubelets.Heal();
        await Cluster.SetRerunAsync("rerun", "1");
        var done = await Cluster.WaitForJobAsync("rerun", j => j.Status?.Phase == JobPhases.Completed && j.Status.ObservedRerun == "1", "completes the rerun of value 1");

        // The successful nodes are kept and never pulled again; the failed ones pulled once more.
        Assert.Equal(4, done.Status!.Summary!.Successful);
        Assert.Equal(before[0], kubelets.PullsOf(nodes[0]));
        Assert.Equal(before[2], kubelets.PullsOf(nodes[2]));
        Assert.True(kubelets.PullsOf(nodes[1]) > before[1] && kubelets.PullsOf(nodes[3]) > before[3]);
        Assert.Equal(failed.Status.NodeStatus![0].ActionFlow!.Select(a => a.Time), done.Status.NodeStatus![0].ActionFlow!.Select(a => a.Time));
        Assert.True(done.Status.StartTime >= failed.Status.CompletionTime);
        Assert.True(done.Status.CompletionTime >= done.Status.StartTime);
        Assert.Null(done.Status.Reason);
        var rerun = Assert.Single(await Cluster.EventsAsync("rerun"), e => e.Reason == JobEventReasons.Rerun);
        Assert.Equal("Rerun on 2 of 4 nodes (2 successful kept)", rerun.Message);
    }

    [Fact]
    public async Task SameValue_AfterRestart_ActsOnce_NewValueAfterRestart_Reruns()
    {
        var nodes = Cluster.AddNodes(3);
        var kubelets = new RerunKubeletPuller();
        kubelets.Fail(nodes[2]);
        Cluster.Server.Fleet.Puller = kubelets;
        var first = await Cluster.StartControllerAsync();
        var job = Job("once", nodes);

        // A TTL far away: the controller logs its wait only for a finished job it does not rerun.
        job.Spec.CompletionPolicy = new CompletionPolicy { TtlSecondsAfterFinished = 86_400 };
        await Cluster.CreateJobAsync(job);
        await Cluster.WaitForPhaseAsync("once", JobPhases.Failure);
        await Cluster.SetRerunAsync("once", "a");
        await Cluster.WaitForJobAsync("once", j => j.Status?.Phase == JobPhases.Failure && j.Status.ObservedRerun == "a", "fails again after the rerun of value a");
        Assert.Equal(2, kubelets.PullsOf(nodes[2]));

        // A new process sees value "a" acted on: it does not run the job again.
        await Cluster.StopAsync(first);
        var logsBefore = TtlLogs("once");
        var second = await Cluster.StartControllerAsync();
        await ControllerCluster.UntilAsync(() => Task.FromResult(TtlLogs("once") > logsBefore), () => "the restarted controller looked at the finished job");
        Assert.Equal(2, kubelets.PullsOf(nodes[2]));
        Assert.Equal([1, 1], nodes.Take(2).Select(kubelets.PullsOf));

        // A value set while no controller runs is a rerun for the next one; only the failed node is pulled.
        await Cluster.StopAsync(second);
        kubelets.Heal();
        await Cluster.SetRerunAsync("once", "b");
        await Cluster.StartControllerAsync();
        var done = await Cluster.WaitForJobAsync("once", j => j.Status?.Phase == JobPhases.Completed && j.Status.ObservedRerun == "b", "completes the rerun of value b");

        Assert.Equal(3, done.Status!.Summary!.Successful);
        Assert.Equal([1, 1, 3], nodes.Select(kubelets.PullsOf));
        Assert.Equal(2, (await Cluster.EventsAsync("once")).Where(e => e.Reason == JobEventReasons.Rerun).Sum(e => e.Count ?? 1));
    }

    [Fact]
    public async Task ValueSetWhileRunning_WaitsUntilTheJobFinishes_ThenReruns()
    {
        var nodes = Cluster.AddNodes(2);
        var kubelets = new RerunKubeletPuller(holding: true);
        kubelets.FailNext(nodes[1], times: 1);
        Cluster.Server.Fleet.Puller = kubelets;
        await Cluster.StartControllerAsync();
        await Cluster.CreateJobAsync(Job("running", nodes));
        await Cluster.WaitForJobAsync("running", j => j.Status?.Summary?.InProgress == 2, "runs on both nodes");

        await Cluster.SetRerunAsync("running", "now");
        await ControllerCluster.UntilAsync(
            async () => (await Cluster.GetJobAsync("running"))!.Metadata.Annotations?.ContainsKey(ImagePrePullJobNames.RerunAnnotation) == true,
            () => "the annotation is set");
        kubelets.Open();

        // The first run ends Failure (its node 1 failed); then the rerun pulls node 1 alone, which succeeds.
        var done = await Cluster.WaitForJobAsync("running", j => j.Status?.Phase == JobPhases.Completed && j.Status.ObservedRerun == "now", "completes the rerun");

        var events = await Cluster.EventsAsync("running");
        Assert.Single(events, e => e.Reason == JobEventReasons.Failed);
        Assert.Single(events, e => e.Reason == JobEventReasons.Rerun);
        Assert.Equal(1, kubelets.PullsOf(nodes[0]));
        Assert.Equal(2, kubelets.PullsOf(nodes[1]));
        Assert.Equal(2, done.Status!.Summary!.Successful);
    }

    [Fact]
    public async Task ValueAtCreation_IsRecorded_AndIsNoRerun()
    {
        var nodes = Cluster.AddNodes(2);
        var kubelets = new RerunKubeletPuller();
        kubelets.Fail(nodes[1]);
        Cluster.Server.Fleet.Puller = kubelets;
        await Cluster.StartControllerAsync();
        var job = Job("created-with", nodes);
        job.Metadata.Annotations = new Dictionary<string, string> { [ImagePrePullJobNames.RerunAnnotation] = "v1" };
        job.Spec.CompletionPolicy = new CompletionPolicy { TtlSecondsAfterFinished = 86_400 };
        await Cluster.CreateJobAsync(job);

        var failed = await Cluster.WaitForJobAsync("created-with", j => j.Status?.Phase == JobPhases.Failure, "fails");
        await ControllerCluster.UntilAsync(() => Task.FromResult(TtlLogs("created-with") > 0), () => "the controller looked at the finished job");

        Assert.Equal("v1", failed.Status!.ObservedRerun);
        Assert.Equal(1, kubelets.PullsOf(nodes[1]));
        Assert.DoesNotContain(await Cluster.EventsAsync("created-with"), e => e.Reason == JobEventReasons.Rerun);
    }

    [Fact]
    public async Task RerunOfAJobInvalidNow_IsRefusedOnce_JobKeepsItsStatus()
    {
        var nodes = Cluster.AddNodes(2);
        var kubelets = new RerunKubeletPuller();
        kubelets.Fail(nodes[1]);
        Cluster.Server.Fleet.Puller = kubelets;
        await Cluster.StartControllerAsync();
        await Cluster.CreateJobAsync(Job("refused", nodes));
        var failed = await Cluster.WaitForPhaseAsync("refused", JobPhases.Failure);

        var tooLong = new string('r', ImagePrePullJobLimits.MaxRerunValueLength + 1);
        await Cluster.SetRerunAsync("refused", tooLong);
        Corev1Event? refused = null;
        await ControllerCluster.UntilAsync(
            async () => (refused = (await Cluster.EventsAsync("refused")).SingleOrDefault(e => e.Reason == JobEventReasons.RerunRefused)) is not null,
            () => "the rerun is refused");

        Assert.Equal("Warning", refused!.Type);
        Assert.Contains("metadata.annotations[operations.kubeedge.io/rerun]: Too long: 1025", refused.Message, StringComparison.Ordinal);
        var job = await Cluster.GetJobAsync("refused");
        Assert.Equal(JobPhases.Failure, job!.Status!.Phase);
        Assert.Null(job.Status.ObservedRerun);
        Assert.Equal(failed.Status!.NodeStatus!.Select(n => n.Phase), job.Status.NodeStatus!.Select(n => n.Phase));
        Assert.Equal(1, kubelets.PullsOf(nodes[1]));

        // Fixed: the next value runs.
        kubelets.Heal();
        await Cluster.SetRerunAsync("refused", "ok");
        await Cluster.WaitForJobAsync("refused", j => j.Status?.Phase == JobPhases.Completed && j.Status.ObservedRerun == "ok", "completes the rerun");
        Assert.Single(await Cluster.EventsAsync("refused"), e => e.Reason == JobEventReasons.RerunRefused);
    }

    [Fact]
    public async Task RerunWithAPullSecret_NoSecretDataInStatusEventsOrLogs()
    {
        const string Password = "rerun-s3cr3t-pw";
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("robot:" + Password));
        var nodes = Cluster.AddNodes(2);
        var kubelets = new RerunKubeletPuller();
        kubelets.FailNext(nodes[1], times: 1);
        Cluster.Server.Fleet.Puller = kubelets;
        await Cluster.CreateRegistrySecretAsync("default", "registry-secret", "registry.example.org", "robot", Password);
        await Cluster.StartControllerAsync();
        var job = Job("secret-rerun", nodes);
        job.Spec.ImagePrePullTemplate!.Images = ["registry.example.org/team/app:1"];
        job.Spec.ImagePrePullTemplate.PullSecrets = ["default/registry-secret"];
        await Cluster.CreateJobAsync(job);
        await Cluster.WaitForPhaseAsync("secret-rerun", JobPhases.Failure);

        await Cluster.SetRerunAsync("secret-rerun", "1");
        var done = await Cluster.WaitForJobAsync("secret-rerun", j => j.Status?.Phase == JobPhases.Completed && j.Status.ObservedRerun == "1", "completes the rerun");

        var texts = new List<string?> { KubernetesJson.Serialize(done) };
        texts.AddRange((await Cluster.EventsAsync("secret-rerun")).Select(e => e.Message));
        texts.AddRange(Cluster.Logs.Collector.GetSnapshot().SelectMany(r => new[] { r.Message, r.Exception?.ToString() }));
        Assert.Contains(texts, t => t?.Contains("Rerun on 1 of 2 nodes", StringComparison.Ordinal) == true);
        Assert.All(texts, t => Assert.False(
            (t ?? string.Empty).Contains(Password, StringComparison.Ordinal) || (t ?? string.Empty).Contains(auth, StringComparison.Ordinal),
            "secret data in: " + t));
    }

    private int TtlLogs(string job) =>
        Cluster.Logs.Collector.GetSnapshot().Count(r => r.Id.Id == TtlWaitingLog && r.Message.StartsWith($"Job {job} ", StringComparison.Ordinal));
}

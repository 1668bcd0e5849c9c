using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Events;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>The job's life: invalid input, no nodes, restart and resume, delete with cleanup, spec changes.</summary>
public sealed class ControllerLifecycleTests : ControllerTests
{
    internal static ImagePrePullJob Job(string name, IEnumerable<string> nodes, int concurrency = 1, params string[] images) => new()
    {
        ApiVersion = ImagePrePullJobNames.GroupVersionV1Alpha2,
        Kind = ImagePrePullJobNames.Kind,
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new ImagePrePullJobSpec
        {
            ImagePrePullTemplate = new ImagePrePullTemplate
            {
                Images = images.Length > 0 ? [.. images] : ["nginx:1.27"],
                NodeNames = [.. nodes],
                CheckItems = [],
                Concurrency = concurrency,
            },
        },
    };

    [Fact]
    public async Task InvalidJob_FailsWithEveryProblemAndCreatesNoPod()
    {
        var nodes = Cluster.AddNodes(2);
        await Cluster.StartControllerAsync();
        var job = Job("invalid", nodes, images: ["nginx:1.27", "UPPER/Case:bad tag"]);
        job.Spec.ImagePrePullTemplate!.FailureTolerate = "1.5";
        await Cluster.CreateJobAsync(job);

        var failed = await Cluster.WaitForPhaseAsync("invalid", JobPhases.Failure);

        Assert.Contains("spec.imagePrePullTemplate.images[1]", failed.Status!.Reason, StringComparison.Ordinal);
        Assert.Contains("spec.imagePrePullTemplate.failureTolerate", failed.Status.Reason, StringComparison.Ordinal);
        Assert.Empty(failed.Status.NodeStatus ?? []);
        Assert.Empty(await Cluster.PodsAsync());
        var events = await Cluster.EventsAsync("invalid");
        Assert.Contains(events, e => e.Reason == JobEventReasons.Failed && e.Type == "Warning");
    }

    [Fact]
    public async Task NoMatchingNode_FailsWithUpstreamReason()
    {
        Cluster.AddNodes(2);
        await Cluster.StartControllerAsync();
        var job = Job("no-nodes", []);
        job.Spec.ImagePrePullTemplate!.NodeNames = null;
        job.Spec.ImagePrePullTemplate.LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["region"] = "nowhere" } };
        await Cluster.CreateJobAsync(job);

        var failed = await Cluster.WaitForPhaseAsync("no-nodes", JobPhases.Failure);

        Assert.Equal("no nodes were matched with selector", failed.Status!.Reason);
    }

    [Fact]
    public async Task ControllerRestartedMidJob_ResumesWithoutPullingFinishedNodesAgain()
    {
        var nodes = Cluster.AddNodes(4);
        var kubelets = new CountingKubeletPuller(held: [nodes[2], nodes[3]]);
        Cluster.Server.Fleet.Puller = kubelets;
        var first = await Cluster.StartControllerAsync();
        await Cluster.CreateJobAsync(Job("resume", nodes, concurrency: 1));

        // Concurrency 1, in order: two nodes succeed, the third hangs in its pull.
        await Cluster.WaitForJobAsync("resume", j => j.Status?.Summary?.Successful == 2 && j.Status.Summary.InProgress == 1, "has two nodes done and one running");
        await Cluster.StopAsync(first);
        Assert.Empty(await Cluster.PodsAsync());
        var stopped = await Cluster.GetJobAsync("resume");
        Assert.Equal(JobPhases.InProgress, stopped!.Status!.Phase);

        kubelets.Open();
        await Cluster.StartControllerAsync();
        var done = await Cluster.WaitForPhaseAsync("resume", JobPhases.Completed);

        Assert.Equal(4, done.Status!.Summary!.Successful);
        Assert.Equal(1, kubelets.Pulls[nodes[0]]);
        Assert.Equal(1, kubelets.Pulls[nodes[1]]);
        Assert.Equal(2, kubelets.Pulls[nodes[2]]);
        Assert.Equal(1, kubelets.Pulls[nodes[3]]);
        Assert.Equal(stopped.Status.StartTime, done.Status.StartTime);
        var events = await Cluster.EventsAsync("resume");
        Assert.Contains(events, e => e.Reason == JobEventReasons.Started && e.Message.Contains("2 already finished", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JobDeletedMidRun_RemovesPodsCopiedSecretsAndFinalizer()
    {
        var nodes = Cluster.AddNodes(3);
        Cluster.Server.Fleet.Puller = new CountingKubeletPuller(held: null);
        await Cluster.CreateRegistrySecretAsync("kube-system", "registry-secret", "registry.example.org", "robot", "pw");

        // Outside the namespaces granted by default, so it needs the opt-in label to be copied (docs/design.md §2, "Secret grants").
        await Cluster.Client.CoreV1.PatchNamespacedSecretAsync(
            new k8s.Models.V1Patch("{\"metadata\":{\"labels\":{\"prepull.kubeedge.io/allow-prepull\":\"true\"}}}", k8s.Models.V1Patch.PatchType.MergePatch),
            "registry-secret",
            "kube-system",
            cancellationToken: ControllerCluster.Ct);
        await Cluster.StartControllerAsync();
        var job = Job("deleted", nodes, concurrency: 3, "registry.example.org/team/app:1");
        job.Spec.ImagePrePullTemplate!.PullSecrets = ["kube-system/registry-secret"];
        await Cluster.CreateJobAsync(job);
        await ControllerCluster.UntilAsync(
            async () => (await Cluster.PodsAsync()).Count == 3 && (await Cluster.PodNamespaceSecretsAsync()).Count == 3,
            () => "three pods and three secret copies exist");

        await Cluster.DeleteJobAsync("deleted");

        await ControllerCluster.UntilAsync(async () => await Cluster.GetJobAsync("deleted") is null, () => "the job is gone");
        Assert.Empty(await Cluster.PodsAsync());
        Assert.Empty(await Cluster.PodNamespaceSecretsAsync());
    }

    [Fact]
    public async Task SpecChangedAfterStart_IsIgnoredAndReportedOnce()
    {
        var nodes = Cluster.AddNodes(2);
        var kubelets = new CountingKubeletPuller(held: null);
        Cluster.Server.Fleet.Puller = kubelets;
        await Cluster.StartControllerAsync();
        await Cluster.CreateJobAsync(Job("changed", nodes, concurrency: 2));
        await Cluster.WaitForJobAsync("changed", j => j.Status?.Summary?.InProgress == 2, "runs on both nodes");

        for (var i = 0; i < 2; i++)
        {
            var patch = new V1Patch("{\"spec\":{\"imagePrePullTemplate\":{\"images\":[\"busybox:1." + i + "\"]}}}", V1Patch.PatchType.MergePatch);
            await Cluster.Client.CustomObjects.PatchClusterCustomObjectAsync(
                patch, ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, "changed", cancellationToken: ControllerCluster.Ct);
        }

        await ControllerCluster.UntilAsync(
            async () => (await Cluster.EventsAsync("changed")).Any(e => e.Reason == JobEventReasons.SpecChangeIgnored),
            () => "the spec change is reported");
        kubelets.Open();
        var done = await Cluster.WaitForPhaseAsync("changed", JobPhases.Completed);

        Assert.All(done.Status!.NodeStatus!, n => Assert.Equal(["nginx:1.27"], n.ImageStatus!.Select(s => s.Image)));
        Assert.Single(await Cluster.EventsAsync("changed"), e => e.Reason == JobEventReasons.SpecChangeIgnored);
    }

    [Fact]
    public async Task InstallCrdOnStart_CreatesTheCrdThenReplacesItOnTheNextStart()
    {
        var first = await Cluster.StartControllerAsync(o => o.InstallCrdOnStart = true);
        var created = await ReadCrdAsync();
        await Cluster.StopAsync(first);
        await Cluster.StartControllerAsync(o => o.InstallCrdOnStart = true);

        // The second write carries the same CRD, so (as on kube-apiserver) its resourceVersion does not move: the
        // controller's log of the answered install is what says the replace happened.
        await Eventually.WaitUntilAsync(() => Cluster.Logs.Collector.GetSnapshot().Count(r => r.Id.Id == 210) >= 2, "the controller logged both installs");

        var replaced = await ReadCrdAsync();
        Assert.Equal(ImagePrePullJobCrd.Load().Spec.Versions.Select(v => v.Name), replaced!.Spec.Versions.Select(v => v.Name));
        Assert.Equal(created!.Metadata.Uid, replaced.Metadata.Uid);
        Assert.Equal(2, Cluster.Logs.Collector.GetSnapshot().Count(r => r.Id.Id == 210));
    }

    [Fact]
    public async Task InstallCrdOnStart_RefusedThreeTimes_GivesUpAndStillRunsJobs()
    {
        var nodes = Cluster.AddNodes(1);
        Cluster.Server.Faults.Add("customresourcedefinitions", "create", Testing.Faults.FaultKind.InternalError, times: 3);
        await Cluster.StartControllerAsync(o => o.InstallCrdOnStart = true);
        await Cluster.CreateJobAsync(Job("after-crd", nodes));

        await Cluster.WaitForPhaseAsync("after-crd", JobPhases.Completed);

        var logs = Cluster.Logs.Collector.GetSnapshot();
        Assert.Equal(2, logs.Count(r => r.Id.Id == 213));
        Assert.Single(logs, r => r.Id.Id == 214);
        Assert.DoesNotContain(logs, r => r.Id.Id == 210);
    }

    private async Task<V1CustomResourceDefinition?> ReadCrdAsync()
    {
        V1CustomResourceDefinition? crd = null;
        await ControllerCluster.UntilAsync(
            async () =>
            {
                var list = await Cluster.Client.ApiextensionsV1.ListCustomResourceDefinitionAsync(cancellationToken: ControllerCluster.Ct);
                crd = list.Items.SingleOrDefault(c => c.Metadata.Name == ImagePrePullJobNames.CrdName);
                return crd is not null;
            },
            () => "the CRD exists");
        return crd;
    }

    [Fact]
    public async Task MissingSecret_WarnsOnceNamingItAndFailsOnlyThatImageWithTheReason()
    {
        var nodes = Cluster.AddNodes(1);
        Cluster.Server.Fleet.SetImage("registry.example.org/team/private:1", Testing.Fleet.ImagePullBehavior.Fail("rpc error: code = Unknown desc = 401 Unauthorized"));
        await Cluster.StartControllerAsync();
        var job = Job("missing-secret", nodes, 1, "nginx:1.27", "registry.example.org/team/private:1");
        job.Spec.ImagePrePullTemplate!.PullSecrets = ["default/not-there"];
        job.Spec.ImagePrePullTemplate.FailureTolerate = "1";
        await Cluster.CreateJobAsync(job);

        var done = await Cluster.WaitForPhaseAsync("missing-secret", JobPhases.Completed);

        var warning = Assert.Single(await Cluster.EventsAsync("missing-secret"), e => e.Reason == JobEventReasons.SecretSkipped);
        Assert.Equal("Warning", warning.Type);
        Assert.Contains("default/not-there", warning.Message, StringComparison.Ordinal);
        var images = done.Status!.NodeStatus!.Single().ImageStatus!;
        Assert.Equal("True", images[0].Status);
        Assert.Equal("False", images[1].Status);
        Assert.Contains("401 Unauthorized", images[1].Reason, StringComparison.Ordinal);
        Assert.Contains("default/not-there", images[1].Reason, StringComparison.Ordinal);
    }
}

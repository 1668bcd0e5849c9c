using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.PodApply;
using KubeEdge.PrePull.Testing.Faults;
using KubeEdge.PrePull.Testing.Fleet;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.PodApply;

/// <summary>The PodApply puller against the embedded API server and its simulated kubelets.</summary>
public sealed class PodApplyPullerTests : IAsyncLifetime
{
    private const string Ns = PodApplyOptions.DefaultNamespace;
    private PodApplyCluster _cluster = null!;

    private static CancellationToken Ct => PodApplyCluster.Ct;

    public async ValueTask InitializeAsync() => _cluster = await PodApplyCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task PullAsync_KubeletReportsImageId_SucceedsWithImageIdAndEndNodeDeletesPod()
    {
        var node = _cluster.AddNode();
        _cluster.Server.Fleet.SetImage("nginx:1.27", new ImagePullBehavior { ImageId = "docker.io/library/nginx@sha256:abc" });
        var plan = PodApplyCluster.Plan("nginx:1.27", "registry.example.com/team/app:v2");
        var puller = Create(PodApplyCluster.Job(), out var podName, node);

        await puller.BeginNodeAsync(node, plan, Ct);
        var nginx = await puller.PullAsync(PodApplyCluster.Request(node, plan.Images[0]), Ct);
        var app = await puller.PullAsync(PodApplyCluster.Request(node, plan.Images[1]), Ct);
        Assert.NotNull(await _cluster.FindPodAsync(Ns, podName));
        await puller.EndNodeAsync(node, Ct);

        Assert.True(nginx.Succeeded);
        Assert.Equal("docker.io/library/nginx@sha256:abc", nginx.ImageRef);
        Assert.True(app.Succeeded);
        Assert.StartsWith("registry.example.com/team/app@sha256:", app.ImageRef, StringComparison.Ordinal);
        Assert.Null(await _cluster.FindPodAsync(Ns, podName));
    }

    [Fact]
    public async Task PullAsync_FiftyNodesAtOnce_AllPulledAndNoPodLeft()
    {
        var nodes = _cluster.Server.Fleet.AddNodes(new NodeFleetOptions { Count = 50 });
        var plan = PodApplyCluster.Plan("nginx:1.27", "busybox:1.36");
        await using var puller = (PodApplyPuller)_cluster.Factory().CreateForJob(PodApplyCluster.Job());

        var results = await Task.WhenAll(nodes.Select(async node =>
        {
            await puller.BeginNodeAsync(node, plan, Ct);
            try
            {
                return await Task.WhenAll(plan.Images.Select(i => puller.PullAsync(PodApplyCluster.Request(node, i), Ct).AsTask()));
            }
            finally
            {
                await puller.EndNodeAsync(node, Ct);
            }
        }));

        Assert.All(results.SelectMany(r => r), r => Assert.True(r.Succeeded, r.Reason));
        Assert.Empty((await _cluster.Client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: Ct)).Items);
    }

    [Fact]
    public async Task BeginNodeAsync_Pod_IsBoundToNodeToleratesAllAndOwnedByJob()
    {
        var node = _cluster.AddNode();
        var job = PodApplyCluster.Job(policy: ImagePullPolicies.Always);
        var puller = Create(job, out var podName, node);

        await puller.BeginNodeAsync(node, PodApplyCluster.Plan("nginx:1.27", "nginx:1.27", "busybox:1.36"), Ct);
        var pod = await _cluster.FindPodAsync(Ns, podName);
        await puller.EndNodeAsync(node, Ct);

        Assert.NotNull(pod);
        Assert.Equal(node, pod.Spec.NodeName);
        Assert.Equal("Never", pod.Spec.RestartPolicy);
        Assert.Equal("Exists", Assert.Single(pod.Spec.Tolerations).OperatorProperty);
        Assert.Equal(["nginx:1.27", "busybox:1.36"], pod.Spec.Containers.Select(c => c.Image));
        Assert.All(pod.Spec.Containers, c => Assert.Equal(ImagePullPolicies.Always, c.ImagePullPolicy));
        Assert.All(pod.Spec.Containers, c => Assert.Equal([PodApplyOptions.DefaultContainerCommand], c.Command));
        var owner = Assert.Single(pod.Metadata.OwnerReferences);
        Assert.Equal(("operations.kubeedge.io/v1alpha2", "ImagePrePullJob", job.Metadata.Name, job.Metadata.Uid), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid));
        Assert.Equal(job.Metadata.Name, pod.Metadata.Labels[PodApplyNames.JobLabel]);
        Assert.Equal(node, pod.Metadata.Labels[PodApplyNames.NodeLabel]);
        Assert.NotNull(await _cluster.Client.CoreV1.ReadNamespaceAsync(Ns, cancellationToken: Ct));
    }

    [Fact]
    public async Task PullAsync_ErrImagePull_FailsWithKubeletMessageAndKind()
    {
        var node = _cluster.AddNode();
        _cluster.Server.Fleet.SetImage("harbor.example.com/jili/private:v1", ImagePullBehavior.Fail("failed to authorize: 401 Unauthorized"));
        _cluster.Server.Fleet.SetImage("nginx:9.99", ImagePullBehavior.Fail("rpc error: code = NotFound desc = failed to resolve reference \"nginx:9.99\": not found"));
        var plan = PodApplyCluster.Plan("harbor.example.com/jili/private:v1", "nginx:9.99");
        var puller = Create(PodApplyCluster.Job(), out var podName, node);

        await puller.BeginNodeAsync(node, plan, Ct);
        var denied = await puller.PullAsync(PodApplyCluster.Request(node, plan.Images[0]), Ct);
        var missing = await puller.PullAsync(PodApplyCluster.Request(node, plan.Images[1]), Ct);
        await puller.EndNodeAsync(node, Ct);

        Assert.False(denied.Succeeded);
        Assert.Equal(PullFailureKind.Unauthorized, denied.FailureKind);
        Assert.Equal("image harbor.example.com/jili/private:v1: ErrImagePull: Failed to pull image \"harbor.example.com/jili/private:v1\": failed to authorize: 401 Unauthorized", denied.Reason);
        Assert.Equal(PullFailureKind.NotFound, missing.FailureKind);
        Assert.Contains("not found", missing.Reason, StringComparison.Ordinal);
        Assert.Null(await _cluster.FindPodAsync(Ns, podName));
    }

    [Fact]
    public async Task PullAsync_RetryAfterFailure_WaitsForNextAttemptUntilNodeEnds()
    {
        var node = _cluster.AddNode();
        _cluster.Server.Fleet.SetImage("nginx:9.99", ImagePullBehavior.Fail("not found"));
        var plan = PodApplyCluster.Plan("nginx:9.99");
        var puller = Create(PodApplyCluster.Job(), out var podName, node);
        await puller.BeginNodeAsync(node, plan, Ct);
        Assert.False((await puller.PullAsync(PodApplyCluster.Request(node, plan.Images[0]), Ct)).Succeeded);

        // The pod still shows the old failure (then back-off): a retry must not report it again at once.
        var retry = puller.PullAsync(PodApplyCluster.Request(node, plan.Images[0]), Ct).AsTask();
        Assert.False(retry.IsCompleted, "the retry reported the old failure at once");

        // Nor once the kubelet backs off (its back-off timer may be armed after the first step, hence the steps).
        await Eventually.AdvanceUntilAsync(_cluster.Time, _cluster.Server.Fleet.BackOffDelay, () => BackedOffAsync(podName), "the pull pod shows ImagePullBackOff");
        Assert.False(retry.IsCompleted, "the retry reported the back-off as a new failure");
        await puller.EndNodeAsync(node, Ct);

        // Ending the node wakes the waiting retry instead of leaving it hanging.
        var ended = await retry;
        Assert.Equal(PullFailureKind.Cancelled, ended.FailureKind);
    }

    [Theory]
    [InlineData("CloseWatch")]
    [InlineData("Gone")]
    [InlineData("InternalError")]
    public async Task PullAsync_WatchDropsWhileWaiting_StillSeesThePull(string fault)
    {
        var node = _cluster.AddNode();
        _cluster.Server.Fleet.SetImage("nginx:1.27", new ImagePullBehavior { Latency = TimeSpan.FromMinutes(1), ImageId = "sha256:late" });
        var plan = PodApplyCluster.Plan("nginx:1.27");
        var puller = Create(PodApplyCluster.Job(), out _, node);
        _cluster.Server.Faults.Add("pods", "watch", Enum.Parse<FaultKind>(fault), times: 2);
        await puller.BeginNodeAsync(node, plan, Ct);

        var pull = puller.PullAsync(PodApplyCluster.Request(node, plan.Images[0]), Ct).AsTask();
        _cluster.Server.Faults.CloseWatches("pods");

        // First let the tracker meet both faults (its retry delays run on the fake clock), well before the pull ends.
        await Eventually.AdvanceUntilAsync(_cluster.Time, TimeSpan.FromSeconds(1), () => _cluster.Server.Faults.Pending == 0, "the tracker re-watched through both faults");

        // Pull latency and the tracker's retry delay both run on the fake clock.
        await Eventually.AdvanceUntilAsync(_cluster.Time, TimeSpan.FromSeconds(30), pull, "the pull ends");

        var result = await pull;
        await puller.EndNodeAsync(node, Ct);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal("sha256:late", result.ImageRef);
        Assert.Equal(0, _cluster.Server.Faults.Pending);
        if (fault == nameof(FaultKind.InternalError))
        {
            Assert.Contains(_cluster.Logs.Collector.GetSnapshot(), l => l.Id.Id == 309);
        }
    }

    [Fact]
    public async Task PullAsync_Cancelled_ThrowsAndEndNodeStillDeletesPod()
    {
        var node = _cluster.AddNode();
        _cluster.Server.Fleet.SetImage("nginx:1.27", new ImagePullBehavior { Latency = TimeSpan.FromHours(1) });
        var plan = PodApplyCluster.Plan("nginx:1.27");
        var puller = Create(PodApplyCluster.Job(), out var podName, node);
        using var nodeTimeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await puller.BeginNodeAsync(node, plan, nodeTimeout.Token);

        var pull = puller.PullAsync(PodApplyCluster.Request(node, plan.Images[0]), nodeTimeout.Token).AsTask();
        await nodeTimeout.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pull);
        Assert.NotNull(await _cluster.FindPodAsync(Ns, podName));
        await puller.EndNodeAsync(node, CancellationToken.None);
        await puller.EndNodeAsync(node, CancellationToken.None);

        Assert.Null(await _cluster.FindPodAsync(Ns, podName));
    }

    [Fact]
    public async Task DisposeAsync_NodeNeverEnded_DeletesItsPod()
    {
        var node = _cluster.AddNode();
        var puller = Create(PodApplyCluster.Job(), out var podName, node);
        await puller.BeginNodeAsync(node, PodApplyCluster.Plan("nginx:1.27"), Ct);

        await puller.DisposeAsync();
        await puller.DisposeAsync();

        Assert.Null(await _cluster.FindPodAsync(Ns, podName));
    }

    [Fact]
    public async Task BeginNodeAsync_SecretInAnotherNamespace_CopiedNextToPodAndRemovedWithIt()
    {
        var node = _cluster.AddNode();
        var data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = """{"auths":{"harbor.example.com":{"auth":"dXNlcjpzM2NyM3Q="}}}"""u8.ToArray() };
        await _cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "harbor-secret" }, Type = "kubernetes.io/dockerconfigjson", Data = data }, "default", cancellationToken: Ct);
        var credential = new PullCredential("default/harbor-secret", "harbor.example.com", "user", "s3cr3t");
        var plan = new NodePlan([new ImagePlan("harbor.example.com/jili/example:v1.0.0", "harbor.example.com/jili/example:v1.0.0", [credential])]);
        var job = PodApplyCluster.Job();
        var puller = Create(job, out var podName, node);

        await puller.BeginNodeAsync(node, plan, Ct);
        var pod = await _cluster.FindPodAsync(Ns, podName);
        var copy = Assert.Single(await _cluster.SecretsAsync(Ns));
        var result = await puller.PullAsync(PodApplyCluster.Request(node, plan.Images[0]), Ct);
        await puller.EndNodeAsync(node, Ct);

        Assert.Equal(copy.Metadata.Name, Assert.Single(pod!.Spec.ImagePullSecrets).Name);
        Assert.Equal("kubernetes.io/dockerconfigjson", copy.Type);
        Assert.Equal(data[".dockerconfigjson"], copy.Data[".dockerconfigjson"]);
        Assert.Equal(job.Metadata.Uid, Assert.Single(copy.Metadata.OwnerReferences).Uid);
        Assert.True(result.Succeeded);
        Assert.Equal("default/harbor-secret", result.Secret);
        Assert.Empty(await _cluster.SecretsAsync(Ns));
        Assert.Single(await _cluster.SecretsAsync("default"));
    }

    [Theory]
    [InlineData("InternalError")]
    [InlineData("Conflict")]
    public async Task BeginNodeAsync_PodCreateFailsTwiceThenWorks_PullSucceeds(string fault)
    {
        var node = _cluster.AddNode();
        var plan = PodApplyCluster.Plan("nginx:1.27");
        var puller = Create(PodApplyCluster.Job(), out var podName, node);
        _cluster.Server.Faults.Add("pods", "create", Enum.Parse<FaultKind>(fault), times: 2);

        var begin = puller.BeginNodeAsync(node, plan, Ct).AsTask();
        await Eventually.AdvanceUntilAsync(_cluster.Time, TimeSpan.FromSeconds(5), begin, "the node's setup ends");

        await begin;
        var result = await puller.PullAsync(PodApplyCluster.Request(node, plan.Images[0]), Ct);
        await puller.EndNodeAsync(node, Ct);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(0, _cluster.Server.Faults.Pending);
        Assert.Null(await _cluster.FindPodAsync(Ns, podName));
    }

    [Fact]
    public async Task BeginNodeAsync_PodCreateFails_PullsFailWithSetupErrorAndCopiesAreRemoved()
    {
        var node = _cluster.AddNode();
        await _cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "regcred" }, Type = "kubernetes.io/dockerconfigjson", Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = """{"auths":{}}"""u8.ToArray() } }, "default", cancellationToken: Ct);
        var plan = new NodePlan([new ImagePlan("r.example.com/a:1", "r.example.com/a:1", [new PullCredential("default/regcred", "r.example.com", "u", "p")])]);
        var puller = Create(PodApplyCluster.Job(), out var podName, node);
        _cluster.Server.Faults.Add("pods", "create", FaultKind.InternalError, times: PodApplyOptions.DefaultCreateAttempts);

        // Every attempt fails; the retry delays run on the fake clock.
        var begin = puller.BeginNodeAsync(node, plan, Ct).AsTask();
        await Eventually.AdvanceUntilAsync(_cluster.Time, TimeSpan.FromSeconds(5), begin, "the node's setup ends");

        await begin;
        Assert.Equal(0, _cluster.Server.Faults.Pending);
        var copies = await _cluster.SecretsAsync(Ns);
        var result = await puller.PullAsync(PodApplyCluster.Request(node, plan.Images[0]), Ct);
        await puller.EndNodeAsync(node, Ct);

        Assert.Single(copies);
        Assert.False(result.Succeeded);
        Assert.Equal($"image r.example.com/a:1: could not set up pull pod {Ns}/{podName}: the API server answered 500 InternalServerError", result.Reason);
        Assert.Empty(await _cluster.SecretsAsync(Ns));
        Assert.Null(await _cluster.FindPodAsync(Ns, podName));
    }

    [Fact]
    public async Task BeginNodeAsync_SecretInPodNamespace_UsedWithoutCopy()
    {
        var node = _cluster.AddNode();
        var credential = new PullCredential(Ns + "/local-secret", "harbor.example.com", "user", "pw");
        var plan = new NodePlan([new ImagePlan("harbor.example.com/a:1", "harbor.example.com/a:1", [credential])]);
        var puller = Create(PodApplyCluster.Job(), out var podName, node);

        await puller.BeginNodeAsync(node, plan, Ct);
        var pod = await _cluster.FindPodAsync(Ns, podName);
        await puller.EndNodeAsync(node, Ct);

        Assert.Equal("local-secret", Assert.Single(pod!.Spec.ImagePullSecrets).Name);
        Assert.Empty(await _cluster.SecretsAsync(Ns));
    }

    [Fact]
    public async Task BeginNodeAsync_LeftoverPodOfSameJob_IsAdopted()
    {
        var node = _cluster.AddNode();
        var job = PodApplyCluster.Job();
        var plan = PodApplyCluster.Plan("nginx:1.27");
        var crashed = Create(job, out var podName, node);
        await crashed.BeginNodeAsync(node, plan, Ct);
        var leftover = await _cluster.FindPodAsync(Ns, podName);

        // A restarted controller: new factory, new puller, same job.
        var restarted = Create(job, out _, node);
        await restarted.BeginNodeAsync(node, plan, Ct);
        var adopted = await _cluster.FindPodAsync(Ns, podName);
        var result = await restarted.PullAsync(PodApplyCluster.Request(node, plan.Images[0]), Ct);
        await restarted.EndNodeAsync(node, Ct);

        Assert.Equal(leftover!.Metadata.Uid, adopted!.Metadata.Uid);
        Assert.True(result.Succeeded);
        Assert.Null(await _cluster.FindPodAsync(Ns, podName));
    }

    [Fact]
    public async Task BeginNodeAsync_LeftoverPodWithOtherPlan_IsReplaced()
    {
        var node = _cluster.AddNode();
        var job = PodApplyCluster.Job();
        var crashed = Create(job, out var podName, node);
        await crashed.BeginNodeAsync(node, PodApplyCluster.Plan("nginx:1.26"), Ct);
        var leftover = await _cluster.FindPodAsync(Ns, podName);

        var restarted = Create(job, out _, node);
        await restarted.BeginNodeAsync(node, PodApplyCluster.Plan("nginx:1.27"), Ct);
        var replaced = await _cluster.FindPodAsync(Ns, podName);
        await restarted.EndNodeAsync(node, Ct);

        Assert.NotEqual(leftover!.Metadata.Uid, replaced!.Metadata.Uid);
        Assert.Equal("nginx:1.27", Assert.Single(replaced.Spec.Containers).Image);
    }

    [Fact]
    public async Task DisposeAsync_LeftoversOfPreviousRun_AreSwept()
    {
        var nodes = _cluster.Server.Fleet.AddNodes(new NodeFleetOptions { Count = 2 });
        var job = PodApplyCluster.Job();
        var crashed = Create(job, out _, nodes[0]);
        await crashed.BeginNodeAsync(nodes[0], PodApplyCluster.Plan("nginx:1.27"), Ct);

        // The resumed run only handles the other node; the first node's pod is left from the crashed process.
        var resumed = Create(job, out _, nodes[1]);
        await resumed.BeginNodeAsync(nodes[1], PodApplyCluster.Plan("nginx:1.27"), Ct);
        await resumed.EndNodeAsync(nodes[1], Ct);
        await resumed.DisposeAsync();

        Assert.Empty((await _cluster.Client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: Ct)).Items);
    }

    [Fact]
    public async Task PullAsync_ImageWithPlanError_FailsWithoutPod()
    {
        var node = _cluster.AddNode();
        var plan = new NodePlan([new ImagePlan("nginx:1.27", null, [], "override rule 0 made an invalid reference 'NGINX'")]);
        var puller = Create(PodApplyCluster.Job(), out var podName, node);

        await puller.BeginNodeAsync(node, plan, Ct);
        var result = await puller.PullAsync(new PullRequest(node, "nginx:1.27", "nginx:1.27", [], ImagePullPolicies.IfNotPresent), Ct);
        var pod = await _cluster.FindPodAsync(Ns, podName);
        await puller.EndNodeAsync(node, Ct);

        Assert.Equal(PullFailureKind.InvalidReference, result.FailureKind);
        Assert.Contains("override rule 0", result.Reason, StringComparison.Ordinal);
        Assert.Null(pod);
    }

    [Fact]
    public async Task PullAsync_PodDeletedByOthers_FailsNamingThePod()
    {
        var node = _cluster.AddNode();
        _cluster.Server.Fleet.SetImage("nginx:1.27", new ImagePullBehavior { Latency = TimeSpan.FromHours(1) });
        var plan = PodApplyCluster.Plan("nginx:1.27");
        var puller = Create(PodApplyCluster.Job(), out var podName, node);
        await puller.BeginNodeAsync(node, plan, Ct);

        var pull = puller.PullAsync(PodApplyCluster.Request(node, plan.Images[0]), Ct).AsTask();
        await _cluster.Client.CoreV1.DeleteNamespacedPodAsync(podName, Ns, cancellationToken: Ct);
        var result = await pull;
        await puller.EndNodeAsync(node, Ct);

        Assert.False(result.Succeeded);
        Assert.Contains(podName + " was deleted", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_DiskPressure_FailsDiskOnlyAndCpuIsUnsupported()
    {
        var node = _cluster.AddNode();
        var current = await _cluster.Client.CoreV1.ReadNodeAsync(node, cancellationToken: Ct);
        current.Status.Conditions.Add(new V1NodeCondition { Type = "DiskPressure", Status = "True", Message = "kubelet has disk pressure" });
        current.Status.Conditions.Add(new V1NodeCondition { Type = "MemoryPressure", Status = "False" });
        await _cluster.Client.CoreV1.ReplaceNodeStatusAsync(current, node, cancellationToken: Ct);
        var puller = Create(PodApplyCluster.Job(), out _, node);

        var disk = await puller.CheckAsync(new CheckRequest(node, [CheckItems.Disk], CheckThresholds.Default), Ct);
        var mem = await puller.CheckAsync(new CheckRequest(node, [CheckItems.Mem], CheckThresholds.Default), Ct);
        var cpu = await puller.CheckAsync(new CheckRequest(node, [CheckItems.Cpu], CheckThresholds.Default), Ct);

        Assert.Equal(CheckResult.Failed($"disk: node {node} reports DiskPressure: kubelet has disk pressure"), disk);
        Assert.True(mem.Succeeded);
        Assert.False(cpu.Succeeded);
        Assert.Contains("cannot check 'cpu'", cpu.Reason, StringComparison.Ordinal);
        Assert.Equal([CheckItems.Disk, CheckItems.Mem], puller.SupportedCheckItems);
    }

    [Fact]
    public async Task CheckAsync_MissingNode_FailsNamingIt()
    {
        var puller = Create(PodApplyCluster.Job(), out _, "ghost");

        var result = await puller.CheckAsync(new CheckRequest("ghost", [CheckItems.Disk], CheckThresholds.Default), Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("could not read node ghost", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_FailureWithCopiedSecret_NoSecretDataInReasonsOrLogs()
    {
        var node = _cluster.AddNode();
        const string Password = "Pa55-w0rd-XYZ";
        var auth = Convert.ToBase64String("robot:Pa55-w0rd-XYZ"u8);
        var config = System.Text.Encoding.UTF8.GetBytes("{\"auths\":{\"harbor.example.com\":{\"auth\":\"" + auth + "\"}}}");
        await _cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "harbor-secret" }, Type = "kubernetes.io/dockerconfigjson", Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = config } }, "default", cancellationToken: Ct);
        _cluster.Server.Fleet.SetImage("harbor.example.com/a:1", ImagePullBehavior.Fail("401 Unauthorized"));
        var plan = new NodePlan([new ImagePlan("harbor.example.com/a:1", "harbor.example.com/a:1", [new PullCredential("default/harbor-secret", "harbor.example.com", "robot", Password)])]);
        await using var puller = (PodApplyPuller)_cluster.Factory().CreateForJob(PodApplyCluster.Job());

        await puller.BeginNodeAsync(node, plan, Ct);
        var result = await puller.PullAsync(PodApplyCluster.Request(node, plan.Images[0]), Ct);
        await puller.EndNodeAsync(node, Ct);

        var logs = _cluster.Logs.Collector.GetSnapshot();
        Assert.NotEmpty(logs);
        var texts = logs.Select(l => l.Message + l.Exception).Append(result.Reason).ToList();
        Assert.All(texts, t => Assert.DoesNotContain(Password, t ?? string.Empty, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain(auth, t ?? string.Empty, StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Id.Id == 305);
    }

    private PodApplyPuller Create(ImagePrePullJob job, out string podName, string node)
    {
        var puller = (PodApplyPuller)_cluster.Factory().CreateForJob(job);
        podName = puller.PodNameFor(node);
        return puller;
    }

    private async Task<bool> BackedOffAsync(string podName) =>
        (await _cluster.FindPodAsync(Ns, podName))?.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == "ImagePullBackOff";
}

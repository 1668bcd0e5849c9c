using k8s;
using k8s.Models;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Testing.Fleet;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Testing.Tests.Fleet;

/// <summary>The fleet builder and the simulated kubelets, observed through KubernetesClient.</summary>
public sealed class SimulatedFleetTests() : ApiServerTests(ApiServerFixture.WithFakeClock())
{
    [Fact]
    public async Task AddNodes_TenThousand_ListPaginatesWithLimitAndContinue()
    {
        var options = new NodeFleetOptions { Count = 10_000 };
        options.Regions.Add("eu");
        options.Regions.Add("us");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var names = _server.Fleet.AddNodes(options);
        var perNode = (GC.GetTotalMemory(forceFullCollection: true) - before) / options.Count;
        TestContext.Current.TestOutputHelper?.WriteLine($"memory per stored node: {perNode} bytes");

        var seen = new List<string>();
        string? continueToken = null;
        var pages = 0;
        do
        {
            var page = await _client.CoreV1.ListNodeAsync(limit: 1_000, continueParameter: continueToken, cancellationToken: Ct);
            Assert.True(page.Items.Count <= 1_000);
            seen.AddRange(page.Items.Select(n => n.Metadata.Name));
            continueToken = page.Metadata.ContinueProperty;
            pages++;
            if (continueToken is not null)
            {
                Assert.Equal(10_000 - seen.Count, page.Metadata.RemainingItemCount);
            }
        }
        while (continueToken is not null);

        Assert.Equal(10, pages);
        Assert.Equal(names.Order(StringComparer.Ordinal), seen);
        var eu = await _client.CoreV1.ListNodeAsync(labelSelector: "topology.kubernetes.io/region=eu,node-role.kubernetes.io/edge", limit: 2_000, cancellationToken: Ct);
        Assert.Equal(2_000, eu.Items.Count);
        Assert.NotNull(eu.Metadata.ContinueProperty);
    }

    [Fact]
    public async Task AddNodes_NotReadyCount_MarksTheLastNodesNotReady()
    {
        var names = _server.Fleet.AddNodes(new NodeFleetOptions { Count = 3, NotReadyCount = 1, NamePrefix = "site-" });

        var nodes = (await _client.CoreV1.ListNodeAsync(cancellationToken: Ct)).Items;

        Assert.Equal(["site-0", "site-1", "site-2"], names);
        Assert.Equal(["True", "True", "False"], nodes.Select(n => n.Status.Conditions.Single(c => c.Type == "Ready").Status));
        Assert.All(nodes, n => Assert.Equal(string.Empty, n.Metadata.Labels[NodeFleetOptions.EdgeRoleLabel]));
    }

    [Fact]
    public async Task Kubelet_SuccessfulPull_WritesImageIdAndTerminatedCompleted()
    {
        var node = _server.Fleet.AddNodes(new NodeFleetOptions())[0];
        _server.Fleet.SetImage("nginx:1.27", new ImagePullBehavior { ImageId = "docker.io/library/nginx@sha256:abc" });

        await _client.CoreV1.CreateNamespacedPodAsync(EmbeddedApiServerTests.Pod("pull", node), "default", cancellationToken: Ct);
        var pod = await WaitForPodAsync("pull", p => p.Status?.Phase == "Succeeded");

        var status = Assert.Single(pod.Status.ContainerStatuses);
        Assert.Equal("docker.io/library/nginx@sha256:abc", status.ImageID);
        Assert.Equal("Completed", status.State.Terminated.Reason);
        Assert.Equal(0, status.State.Terminated.ExitCode);
    }

    [Fact]
    public async Task Kubelet_FailedPull_WritesErrImagePullThenImagePullBackOff()
    {
        var node = _server.Fleet.AddNodes(new NodeFleetOptions())[0];
        _server.Fleet.SetImage("nginx:1.27", ImagePullBehavior.Fail("rpc error: code = NotFound desc = not found"));

        await _client.CoreV1.CreateNamespacedPodAsync(EmbeddedApiServerTests.Pod("pull", node), "default", cancellationToken: Ct);
        var failed = await WaitForPodAsync("pull", p => p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == "ErrImagePull");
        var backOff = await AdvanceUntilAsync(WaitForPodAsync("pull", p => p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == "ImagePullBackOff"), _server.Fleet.BackOffDelay);

        var waiting = failed.Status.ContainerStatuses[0].State.Waiting;
        Assert.Equal("Failed to pull image \"nginx:1.27\": rpc error: code = NotFound desc = not found", waiting.Message);
        Assert.Equal("Back-off pulling image \"nginx:1.27\"", backOff.Status.ContainerStatuses[0].State.Waiting.Message);
        Assert.Equal("Pending", backOff.Status.Phase);
        Assert.True(string.IsNullOrEmpty(failed.Status.ContainerStatuses[0].ImageID));
    }

    [Fact]
    public async Task Kubelet_PullLatency_WaitsForTheTimeProvider()
    {
        var node = _server.Fleet.AddNodes(new NodeFleetOptions())[0];
        _server.Fleet.SetImage("nginx:1.27", new ImagePullBehavior { Latency = TimeSpan.FromMinutes(5) });
        var restartAlways = EmbeddedApiServerTests.Pod("slow", node);
        restartAlways.Spec.RestartPolicy = "Always";

        await _client.CoreV1.CreateNamespacedPodAsync(restartAlways, "default", cancellationToken: Ct);
        var creating = await WaitForPodAsync("slow", p => p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == "ContainerCreating");
        var running = await AdvanceUntilAsync(WaitForPodAsync("slow", p => p.Status?.Phase == "Running"), TimeSpan.FromMinutes(5));

        Assert.Equal("Pending", creating.Status.Phase);
        Assert.NotNull(running.Status.ContainerStatuses[0].State.Running);
        Assert.True(running.Status.ContainerStatuses[0].Ready);
    }

    [Fact]
    public async Task Kubelet_DelegatesToPuller_ReportsItsImageRefAndReason()
    {
        var node = _server.Fleet.AddNodes(new NodeFleetOptions())[0];
        var puller = new ScriptedPuller();
        _server.Fleet.Puller = puller;
        var pod = EmbeddedApiServerTests.Pod("two", node);
        pod.Spec.Containers.Add(new V1Container { Name = "c1", Image = "registry.local/missing:1" });

        await _client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Ct);
        var done = await WaitForPodAsync("two", p => p.Status?.ContainerStatuses?.Count(s => s.State?.Waiting?.Reason != "ContainerCreating") == 2);

        Assert.Equal(["nginx:1.27", "registry.local/missing:1"], puller.Requests.Select(r => r.Image));
        Assert.All(puller.Requests, r => Assert.Equal(node, r.NodeName));
        Assert.Equal("sha256:from-puller", done.Status.ContainerStatuses[0].ImageID);
        Assert.Equal("Failed to pull image \"registry.local/missing:1\": manifest unknown", done.Status.ContainerStatuses[1].State.Waiting.Message);
    }

    [Fact]
    public async Task Kubelet_PodWithImagePullSecrets_HandsThePullerTheCredentialsMatchingEachImage()
    {
        var node = _server.Fleet.AddNodes(new NodeFleetOptions())[0];
        var puller = new ScriptedPuller();
        _server.Fleet.Puller = puller;
        await CreatePullSecretAsync("local", "registry.local", "alice", "alice-pw");
        await CreatePullSecretAsync("other", "other.example", "bob", "bob-pw");
        var pod = EmbeddedApiServerTests.Pod("with-secrets", node);
        pod.Spec.Containers.Add(new V1Container { Name = "c1", Image = "registry.local/edge/app:1" });
        pod.Spec.ImagePullSecrets = [new V1LocalObjectReference { Name = "other" }, new V1LocalObjectReference { Name = "gone" }, new V1LocalObjectReference { Name = "local" }];

        await _client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Ct);
        await WaitForPodAsync("with-secrets", p => p.Status?.Phase == "Succeeded");

        // Like the kubelet: only the secrets whose registry matches the image, a missing secret skipped.
        Assert.Empty(puller.Requests.Single(r => r.Image == "nginx:1.27").Credentials);
        var credential = Assert.Single(puller.Requests.Single(r => r.Image == "registry.local/edge/app:1").Credentials);
        Assert.Equal(("default/local", "alice", "alice-pw"), (credential.Secret, credential.Username, credential.Password));
    }

    [Fact]
    public async Task Kubelet_NotReadyNode_LeavesPodsAlone()
    {
        var node = _server.Fleet.AddNodes(new NodeFleetOptions())[0];
        _server.Fleet.SetReady(node, ready: false);
        var ready = _server.Fleet.AddNodes(new NodeFleetOptions())[0];

        await _client.CoreV1.CreateNamespacedPodAsync(EmbeddedApiServerTests.Pod("stuck", node), "default", cancellationToken: Ct);
        await _client.CoreV1.CreateNamespacedPodAsync(EmbeddedApiServerTests.Pod("moving", ready), "default", cancellationToken: Ct);
        await WaitForPodAsync("moving", p => p.Status?.Phase == "Succeeded");

        var stuck = await _client.CoreV1.ReadNamespacedPodAsync("stuck", "default", cancellationToken: Ct);
        Assert.Null(stuck.Status.ContainerStatuses);
        Assert.Equal("False", (await _client.CoreV1.ReadNodeAsync(node, cancellationToken: Ct)).Status.Conditions.Single(c => c.Type == "Ready").Status);
    }

    [Fact]
    public async Task Kubelet_NodeBecomesReady_StartsThePodsBoundWhileItWasNotReady()
    {
        var node = _server.Fleet.AddNodes(new NodeFleetOptions())[0];
        _server.Fleet.SetReady(node, ready: false);
        await _client.CoreV1.CreateNamespacedPodAsync(EmbeddedApiServerTests.Pod("parked", node), "default", cancellationToken: Ct);
        // A pod that is deleted while the node is offline must not start when it comes back.
        await _client.CoreV1.CreateNamespacedPodAsync(EmbeddedApiServerTests.Pod("gone", node), "default", cancellationToken: Ct);
        await _client.CoreV1.DeleteNamespacedPodAsync("gone", "default", cancellationToken: Ct);

        _server.Fleet.SetReady(node, ready: true);
        var pod = await WaitForPodAsync("parked", p => p.Status?.Phase == "Succeeded");

        Assert.Equal("Completed", Assert.Single(pod.Status.ContainerStatuses).State.Terminated.Reason);
        Assert.DoesNotContain((await _client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct)).Items, p => p.Metadata.Name == "gone");
    }

    // The kubelet starts its timer just after writing the status the test saw, so time is advanced until it fires.
    private async Task<V1Pod> AdvanceUntilAsync(Task<V1Pod> done, TimeSpan step)
    {
        await Eventually.AdvanceUntilAsync(_time, step, done, "the kubelet's timer fires");
        return await done;
    }

    private async Task<V1Pod> WaitForPodAsync(string name, Func<V1Pod, bool> condition)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(Eventually.Timeout);
        await foreach (var (_, pod) in _client.CoreV1.WatchListNamespacedPodAsync("default", fieldSelector: $"metadata.name={name}", cancellationToken: cts.Token))
        {
            if (condition(pod))
            {
                return pod;
            }
        }

        throw new TimeoutException($"pod {name} never reached the expected state");
    }

    private async Task CreatePullSecretAsync(string name, string registry, string user, string password)
    {
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(user + ":" + password));
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name },
            Type = "kubernetes.io/dockerconfigjson",
            Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = System.Text.Encoding.UTF8.GetBytes("{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}") },
        };
        await _client.CoreV1.CreateNamespacedSecretAsync(secret, "default", cancellationToken: Ct);
    }

    private sealed class ScriptedPuller : IImagePuller
    {
        public List<PullRequest> Requests { get; } = [];

        public string Name => "scripted";

        public IReadOnlyCollection<string> SupportedCheckItems => [];

        public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException("kubelets only pull");

        public ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return ValueTask.FromResult(request.Image.Contains("missing", StringComparison.Ordinal)
                ? PullResult.Failure(PullFailureKind.NotFound, "manifest unknown")
                : PullResult.Success("sha256:from-puller"));
        }
    }
}

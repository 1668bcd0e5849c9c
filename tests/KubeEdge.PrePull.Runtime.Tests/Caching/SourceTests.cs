using System.Text;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Caching;
using KubeEdge.PrePull.Selection;
using KubeEdge.PrePull.Testing.Faults;
using static KubeEdge.PrePull.Runtime.Tests.Caching.ListWatchCacheTests;

namespace KubeEdge.PrePull.Runtime.Tests.Caching;

/// <summary>The secret and ImagePrePullJob sources through the real client, and what the caches log about secrets.</summary>
public sealed class SourceTests
{
    private const string Password = "pr3pull-S3cret-pass";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SecretSource_OneNamespace_SeesOnlyThatNamespaceWithNamespacedKeys()
    {
        await using var h = await CacheHarness.StartAsync();
        await CreateSecretAsync(h.Client, "default", "before");
        await CreateSecretAsync(h.Client, "kube-system", "elsewhere");
        var secrets = h.Run(new SecretSource(h.Client, "default"));
        await secrets.SyncedAsync();
        Assert.Equal((CacheEventType.Added, "default/before"), Describe(await secrets.NextAsync()));

        await CreateSecretAsync(h.Client, "kube-system", "ignored");
        await CreateSecretAsync(h.Client, "default", "after");
        var added = await secrets.NextAsync();

        Assert.Equal((CacheEventType.Added, "default/after"), Describe(added));
        Assert.Equal(Password, Encoding.UTF8.GetString(added.Object!.Data["password"]));
        Assert.Equal(["default/after", "default/before"], secrets.Cache.List().Select(CacheKey.For).Order());
    }

    [Fact]
    public async Task SecretSource_AllNamespaces_SeesEveryNamespace()
    {
        await using var h = await CacheHarness.StartAsync();
        await CreateSecretAsync(h.Client, "default", "a");
        var secrets = h.Run(new SecretSource(h.Client));
        await secrets.SyncedAsync();
        await secrets.NextAsync();

        await CreateSecretAsync(h.Client, "kube-system", "b");
        await h.Client.CoreV1.DeleteNamespacedSecretAsync("a", "default", cancellationToken: Ct);

        Assert.Equal([(CacheEventType.Added, "kube-system/b"), (CacheEventType.Deleted, "default/a")], (await secrets.TakeAsync(2)).Select(Describe));
        Assert.Equal("secrets", secrets.Cache.Resource);
    }

    [Fact]
    public async Task NodeSource_KeepsNameLabelsAndConditions_NotTheRestOfTheNode()
    {
        // A real Node carries its image list, capacity, system info, annotations and managed fields: kilobytes per
        // node that the controller never reads, held for every node of the fleet before.
        await using var h = await CacheHarness.StartAsync();
        await h.Client.CoreV1.CreateNodeAsync(FullNode("listed"), cancellationToken: Ct);
        var nodes = h.Run(new NodeSource(h.Client));
        await nodes.SyncedAsync();
        var listed = (await nodes.NextAsync()).Object!;
        await h.Client.CoreV1.CreateNodeAsync(FullNode("watched"), cancellationToken: Ct);
        var watched = (await nodes.NextAsync()).Object!;

        foreach (var (node, name) in new[] { (listed, "listed"), (watched, "watched") })
        {
            Assert.Equal(name, node.Metadata.Name);
            Assert.False(string.IsNullOrEmpty(node.Metadata.ResourceVersion));
            Assert.False(string.IsNullOrEmpty(node.Metadata.Uid));
            Assert.Equal("edge", node.Metadata.Labels["node-role.kubernetes.io/edge"]);
            Assert.Equal(
                [("Ready", "True", (string?)null), ("DiskPressure", "True", "the image filesystem is 93% full")],
                node.Status.Conditions.Select(c => (c.Type, c.Status, (string?)c.Message)));
            Assert.Null(node.Metadata.Annotations);
            Assert.Null(node.Metadata.ManagedFields);
            Assert.Null(node.Spec);
            Assert.Null(node.Status.Images);
            Assert.Null(node.Status.Capacity);
            Assert.Null(node.Status.NodeInfo);
            Assert.Null(node.Status.Addresses);
        }

        // What selection reads of the kept node is what it would read of the whole one.
        var whole = NodeInfo.FromV1(FullNode("listed"));
        var kept = NodeInfo.FromV1(listed);
        Assert.Equal((whole.Name, whole.IsReady), (kept.Name, kept.IsReady));
        Assert.Equal(whole.Labels.OrderBy(l => l.Key), kept.Labels.OrderBy(l => l.Key));
    }

    private static V1Node FullNode(string name) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = new Dictionary<string, string> { ["node-role.kubernetes.io/edge"] = "edge", ["region"] = "hangzhou" },
            Annotations = new Dictionary<string, string> { ["node.alpha.kubernetes.io/ttl"] = "0", ["kubeedge.io/note"] = new string('n', 2048) },
        },
        Spec = new V1NodeSpec { PodCIDR = "10.244.1.0/24", Taints = [new V1Taint { Key = "node-role.kubernetes.io/edge", Effect = "NoSchedule" }] },
        Status = new V1NodeStatus
        {
            Conditions =
            [
                new V1NodeCondition { Type = "Ready", Status = "True", Reason = "EdgeReady", LastHeartbeatTime = new DateTime(2026, 12, 6, 8, 0, 0, DateTimeKind.Utc) },
                new V1NodeCondition { Type = "DiskPressure", Status = "True", Message = "the image filesystem is 93% full" },
            ],
            Capacity = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("4"), ["memory"] = new("8Gi") },
            Addresses = [new V1NodeAddress { Type = "InternalIP", Address = "10.0.0.7" }],
            NodeInfo = new V1NodeSystemInfo { KubeletVersion = "v1.31.0-kubeedge-v1.21.0", Architecture = "arm64", OperatingSystem = "linux", ContainerRuntimeVersion = "containerd://1.7.24", KernelVersion = "6.1.0", OsImage = "Debian", BootID = "b", MachineID = "m", SystemUUID = "s", KubeProxyVersion = string.Empty },
            Images = [.. Enumerable.Range(0, 40).Select(i => new V1ContainerImage { Names = [$"registry.example.com/team/app-{i}@sha256:{new string('a', 64)}", $"registry.example.com/team/app-{i}:v{i}"], SizeBytes = 123_456_789 })],
        },
    };

    [Fact]
    public async Task ImagePrePullJobs_TypedJobsListedAndWatched()
    {
        await using var h = await CacheHarness.StartAsync();
        await CreateJobAsync(h.Client, "j1");
        var jobs = h.Run(ClusterCustomObjectSource<ImagePrePullJob>.ImagePrePullJobs(h.Client));
        await jobs.SyncedAsync();
        var listed = await jobs.NextAsync();
        Assert.Equal((CacheEventType.Added, "j1"), Describe(listed));
        Assert.Equal(["nginx:1.27"], listed.Object!.Spec.ImagePrePullTemplate!.Images!);

        await CreateJobAsync(h.Client, "j2");
        await h.Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("""{"spec":{"imagePrePullTemplate":{"images":["busybox:1.36"]}}}""", V1Patch.PatchType.MergePatch),
            ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, "j2", cancellationToken: Ct);
        await h.Client.CustomObjects.DeleteClusterCustomObjectAsync(ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, "j1", cancellationToken: Ct);
        var events = await jobs.TakeAsync(3);

        Assert.Equal([(CacheEventType.Added, "j2"), (CacheEventType.Updated, "j2"), (CacheEventType.Deleted, "j1")], events.Select(Describe));
        Assert.Equal(["busybox:1.36"], events[1].Object!.Spec.ImagePrePullTemplate!.Images!);
        Assert.True(jobs.Cache.TryGet("j2", out var j2));
        Assert.Equal(ImagePrePullJobNames.Kind, j2.Kind);
        Assert.Equal("imageprepulljobs.operations.kubeedge.io", jobs.Cache.Resource);
    }

    [Fact]
    public async Task SecretCache_SyncChangesRelistAndErrors_NeverLogSecretData()
    {
        await using var h = await CacheHarness.StartAsync();
        await CreateSecretAsync(h.Client, "default", "creds");
        var secrets = h.Run(new SecretSource(h.Client, "default"), new ListWatchCacheOptions { Random = new Random(3) });
        await secrets.SyncedAsync();
        await secrets.NextAsync();
        await CreateSecretAsync(h.Client, "default", "more");
        await secrets.NextAsync();

        // A relist (410 on the watch) whose list first fails with a 500, so every log path of the cache runs.
        h.Server.Faults.Add("secrets", "watch", FaultKind.Gone);
        h.Server.Faults.Add("secrets", "list", FaultKind.InternalError);
        h.Server.Faults.CloseWatches("secrets");
        var failed = await h.Logger.WaitForAsync(r => r.EventId == 104);
        await h.Client.CoreV1.DeleteNamespacedSecretAsync("more", "default", cancellationToken: Ct);
        h.CacheTime.Advance((TimeSpan)failed.Values["Delay"]!);
        Assert.Equal((CacheEventType.Deleted, "default/more"), Describe(await secrets.NextAsync()));
        await secrets.DisposeAsync();

        var logged = h.Logger.AllText;
        Assert.Equal([100, 103, 104, 101, 105], h.Logger.Records.Select(r => r.EventId).Where(id => id != 102));
        Assert.DoesNotContain(Password, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)), logged, StringComparison.Ordinal);
        Assert.DoesNotContain(DockerAuth, logged, StringComparison.Ordinal);
    }

    private static string DockerAuth => Convert.ToBase64String(Encoding.UTF8.GetBytes("robot:" + Password));

    private static Task<V1Secret> CreateSecretAsync(Kubernetes client, string ns, string name) =>
        client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                Type = "kubernetes.io/dockerconfigjson",
                Data = new Dictionary<string, byte[]>
                {
                    ["password"] = Encoding.UTF8.GetBytes(Password),
                    [".dockerconfigjson"] = Encoding.UTF8.GetBytes("{\"auths\":{\"registry.test\":{\"auth\":\"" + DockerAuth + "\"}}}"),
                },
            },
            ns,
            cancellationToken: Ct);

    private static Task<ImagePrePullJob> CreateJobAsync(Kubernetes client, string name) =>
        client.CustomObjects.CreateClusterCustomObjectAsync<ImagePrePullJob>(
            new ImagePrePullJob
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new ImagePrePullJobSpec { ImagePrePullTemplate = new ImagePrePullTemplate { Images = ["nginx:1.27"], NodeNames = ["edge-node-0"] } },
            },
            ImagePrePullJobNames.Group,
            ImagePrePullJobNames.V1Alpha2,
            ImagePrePullJobNames.Plural,
            cancellationToken: Ct);
}

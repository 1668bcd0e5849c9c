using System.Text;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Caching;
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

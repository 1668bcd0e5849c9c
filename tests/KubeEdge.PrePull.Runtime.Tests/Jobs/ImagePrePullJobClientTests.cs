using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Jobs;
using KubeEdge.PrePull.Serialization;
using KubeEdge.PrePull.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace KubeEdge.PrePull.Runtime.Tests.Jobs;

/// <summary>The typed job client against the embedded API server, at both versions.</summary>
public sealed class ImagePrePullJobClientTests : IAsyncLifetime
{
    private const string JobYaml = """
        apiVersion: operations.kubeedge.io/v1alpha1
        kind: ImagePrePullJob
        metadata:
          name: warm-nginx
          labels: { team: edge }
        spec:
          imagePrePullTemplate:
            images: [nginx:1.27]
            nodeNames: [edge-node-0]
        """;

    private readonly ApiServerFixture _cluster = new();
    private ImagePrePullJobClient _jobs = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _cluster.InitializeAsync();
        _jobs = new ImagePrePullJobClient(_cluster.Client);
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task CreateAsync_Model_ReturnsTheStoredJobWithTheCrdDefaults()
    {
        var created = await _jobs.CreateAsync(Job("j1"), Ct);

        Assert.Equal(ImagePrePullJobNames.GroupVersionV1Alpha2, created.ApiVersion);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal(300, created.Spec.ImagePrePullTemplate!.TimeoutSeconds);
        Assert.Equal("j1", (await _jobs.GetAsync("j1", Ct))!.Metadata.Name);
        Assert.Null(await _jobs.GetAsync("missing", Ct));
    }

    [Fact]
    public async Task CreateFromYamlAsync_V1Alpha1Document_IsServedAtBothVersions()
    {
        var created = await _jobs.CreateFromYamlAsync(JobYaml, Ct);
        var old = await _jobs.V1Alpha1.GetAsync("warm-nginx", Ct);

        Assert.Equal(ImagePrePullJobNames.GroupVersionV1Alpha2, created.ApiVersion);
        Assert.Equal(["nginx:1.27"], created.Spec.ImagePrePullTemplate!.Images!);
        Assert.Equal(ImagePrePullJobNames.GroupVersionV1Alpha1, old!.ApiVersion);
        Assert.Equal(created.Metadata.Uid, old.Metadata.Uid);
    }

    [Fact]
    public async Task CreateFromYamlAsync_MisTypedField_NamesTheField()
    {
        var error = await Assert.ThrowsAsync<ImagePrePullJobFormatException>(() => _jobs.CreateFromYamlAsync(JobYaml.Replace("images: [nginx:1.27]", "images: {a: b}", StringComparison.Ordinal), Ct));

        Assert.Equal("spec.imagePrePullTemplate.images", error.FieldPath);
        Assert.Empty(await _jobs.ListAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task ApplyYamlAsync_Twice_CreatesThenUpdatesSpecAndKeepsOtherLabels()
    {
        var first = await _jobs.ApplyYamlAsync(JobYaml, Ct);
        await _jobs.ApplyAsync(first with { Metadata = new V1ObjectMeta { Name = "warm-nginx", Labels = new Dictionary<string, string> { ["owner"] = "ops" } } }, Ct);

        var second = await _jobs.ApplyYamlAsync(JobYaml.Replace("nginx:1.27", "nginx:1.28", StringComparison.Ordinal), Ct);

        Assert.Equal(first.Metadata.Uid, second.Metadata.Uid);
        Assert.Equal(["nginx:1.28"], second.Spec.ImagePrePullTemplate!.Images!);
        Assert.Equal(2, second.Metadata.Generation);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "edge", ["owner"] = "ops" }, second.Metadata.Labels);
    }

    [Fact]
    public async Task ListAsync_LabelSelector_AndDeleteAsync()
    {
        await _jobs.CreateAsync(Job("a", ("tier", "gold")), Ct);
        await _jobs.V1Alpha1.CreateAsync(new Api.V1Alpha1.ImagePrePullJob { Metadata = new V1ObjectMeta { Name = "b", Labels = new Dictionary<string, string> { ["tier"] = "silver" } }, Spec = Job("b").Spec }, Ct);

        var gold = await _jobs.ListAsync("tier=gold", Ct);
        var deleted = await _jobs.DeleteAsync("a", Ct);
        var again = await _jobs.DeleteAsync("a", Ct);
        var remaining = await _jobs.V1Alpha1.ListAsync(cancellationToken: Ct);

        Assert.Equal(["a"], gold.Select(j => j.Metadata.Name));
        Assert.True(deleted);
        Assert.False(again);
        Assert.Equal(["b"], remaining.Select(j => j.Metadata.Name));
        Assert.All(remaining, j => Assert.Equal(ImagePrePullJobNames.GroupVersionV1Alpha1, j.ApiVersion));
    }

    [Fact]
    public async Task WatchAsync_OneJob_SeesItsChangesOnly()
    {
        var created = await _jobs.CreateAsync(Job("mine"), Ct);
        await using var events = _jobs.WatchAsync("mine", created.Metadata.ResourceVersion, Ct).GetAsyncEnumerator(Ct);

        await _jobs.CreateAsync(Job("other"), Ct);
        await PatchStatusAsync("mine", """{"phase":"InProgress"}""");

        Assert.True(await events.MoveNextAsync());
        Assert.Equal((WatchEventType.Modified, "mine", JobPhases.InProgress), (events.Current.Type, events.Current.Job.Metadata.Name, events.Current.Job.Status?.Phase));
    }

    [Fact]
    public async Task WaitForCompletionAsync_ReportsEachNewStateAndReturnsTheFinishedJob()
    {
        await _jobs.CreateAsync(Job("j1"), Ct);
        var seen = new SynchronousProgress<ImagePrePullJob>();
        var waiting = _jobs.WaitForCompletionAsync("j1", seen, Ct);
        await Eventually.WaitUntilAsync(() => seen.Reports.Count == 1, "the first report (the job as it is)");

        await PatchStatusAsync("j1", """{"phase":"InProgress","summary":{"total":1,"pending":1}}""");
        await Eventually.WaitUntilAsync(() => seen.Reports.Count == 2, "the InProgress report");
        await PatchStatusAsync("j1", """{"phase":"Completed","summary":{"total":1,"successful":1}}""");
        var finished = await waiting;

        Assert.Equal(JobPhases.Completed, finished.Status!.Phase);
        Assert.Equal([null, JobPhases.InProgress, JobPhases.Completed], seen.Reports.Select(j => j.Status?.Phase));
    }

    [Fact]
    public async Task WaitForCompletionAsync_AlreadyFinished_ReturnsAtOnceAtV1Alpha1()
    {
        await _jobs.CreateAsync(Job("j1"), Ct);
        await PatchStatusAsync("j1", """{"phase":"Failure","reason":"no node selected"}""");

        var finished = await _jobs.V1Alpha1.WaitForCompletionAsync("j1", cancellationToken: Ct);

        Assert.Equal((ImagePrePullJobNames.GroupVersionV1Alpha1, JobPhases.Failure), (finished.ApiVersion, finished.Status!.Phase));
    }

    [Fact]
    public async Task WaitForCompletionAsync_DeletedWhileWaiting_Throws()
    {
        await _jobs.CreateAsync(Job("j1"), Ct);
        var seen = new SynchronousProgress<ImagePrePullJob>();
        var waiting = _jobs.WaitForCompletionAsync("j1", seen, Ct);
        await Eventually.WaitUntilAsync(() => seen.Reports.Count == 1, "the first report");

        await _jobs.DeleteAsync("j1", Ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => waiting);
        Assert.Contains("\"j1\" was deleted before it finished", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForCompletionAsync_NoSuchJob_Throws()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _jobs.WaitForCompletionAsync("nope", cancellationToken: Ct));

        Assert.Equal("There is no ImagePrePullJob \"nope\".", error.Message);
    }

    [Fact]
    public async Task WaitForCompletionAsync_WatchExpired_ReadsAgainAndKeepsWaiting()
    {
        await _jobs.CreateAsync(Job("j1"), Ct);
        _cluster.Server.Faults.Add(ImagePrePullJobNames.Plural, "watch", KubeEdge.PrePull.Testing.Faults.FaultKind.Gone);
        var seen = new SynchronousProgress<ImagePrePullJob>();
        var waiting = _jobs.WaitForCompletionAsync("j1", seen, Ct);
        await Eventually.WaitUntilAsync(() => seen.Reports.Count == 1, "the first report");

        await PatchStatusAsync("j1", """{"phase":"Completed"}""");

        Assert.Equal(JobPhases.Completed, (await waiting).Status!.Phase);
    }

    [Fact]
    public async Task AddImagePrePull_RegistersTheClientOnTheHostsCluster()
    {
        var services = new ServiceCollection();
        services.AddImagePrePull().UseKubernetes(_cluster.Server.CreateClientConfiguration());
        await using var provider = services.BuildServiceProvider();

        var jobs = provider.GetRequiredService<IImagePrePullJobClient>();
        await jobs.CreateAsync(Job("via-di"), Ct);

        Assert.NotNull(await _jobs.GetAsync("via-di", Ct));
        Assert.Same(jobs, provider.GetRequiredService<IImagePrePullJobClient>());
    }

    [Fact]
    public async Task AddImagePrePullAgent_RegistersTheClientToo()
    {
        var services = new ServiceCollection();
        services.AddImagePrePullAgent("edge-node-0").UseKubernetes(_cluster.Server.CreateClientConfiguration());
        await using var provider = services.BuildServiceProvider();

        Assert.NotNull(await provider.GetRequiredService<IImagePrePullJobClient>().V1Alpha1.ListAsync(cancellationToken: Ct));
    }

    private static ImagePrePullJob Job(string name, params (string Key, string Value)[] labels) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels.Length == 0 ? null : labels.ToDictionary(l => l.Key, l => l.Value) },
        Spec = new ImagePrePullJobSpec { ImagePrePullTemplate = new ImagePrePullTemplate { Images = ["nginx:1.27"], NodeNames = ["edge-node-0"] } },
    };

    private Task<object> PatchStatusAsync(string name, string status) =>
        _cluster.Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch("{\"status\":" + status + "}", V1Patch.PatchType.MergePatch),
            ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, name,
            cancellationToken: Ct);

    private sealed class SynchronousProgress<T> : IProgress<T>
    {
        private readonly List<T> _reports = [];

        public IReadOnlyList<T> Reports
        {
            get
            {
                lock (_reports)
                {
                    return [.. _reports];
                }
            }
        }

        public void Report(T value)
        {
            lock (_reports)
            {
                _reports.Add(value);
            }
        }
    }
}

using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.PodApply;
using KubeEdge.PrePull.Testing;
using KubeEdge.PrePull.Testing.Fleet;
using KubeEdge.PrePull.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.PodApply;

/// <summary>An embedded API server with simulated kubelets, a real client, and helpers to drive the PodApply puller.</summary>
internal sealed class PodApplyCluster : IAsyncDisposable
{
    private readonly ApiServerFixture _api;

    private PodApplyCluster(ApiServerFixture api)
    {
        _api = api;
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
    }

    public EmbeddedApiServer Server => _api.Server;

    public FakeTimeProvider Time => _api.Time!;

    public Kubernetes Client => _api.Client;

    public FakeLoggerProvider Logs { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<PodApplyCluster> StartAsync()
    {
        var api = ApiServerFixture.WithFakeClock();
        await api.InitializeAsync();
        return new PodApplyCluster(api);
    }

    public PodApplyPullerFactory Factory(PodApplyOptions? options = null) =>
        new(Client, options ?? new PodApplyOptions(), Time, LoggerFactory);

    public static ImagePrePullJob Job(string name = "prepull-example", string? policy = null, string? uid = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Uid = uid ?? Guid.NewGuid().ToString() },
        Spec = new ImagePrePullJobSpec { ImagePrePullTemplate = new ImagePrePullTemplate { Images = ["nginx:1.27"], ImagePullPolicy = policy } },
    };

    public string AddNode() => Server.Fleet.AddNodes(new NodeFleetOptions())[0];

    public static NodePlan Plan(params string[] images) => new([.. images.Select(i => new ImagePlan(i, i, []))]);

    public static PullRequest Request(string node, ImagePlan image) =>
        new(node, image.Image, image.ResolvedImage ?? image.Image, image.Credentials, ImagePullPolicies.IfNotPresent);

    public async Task<V1Pod?> FindPodAsync(string ns, string name)
    {
        var list = await Client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: "metadata.name=" + name, cancellationToken: Ct);
        return list.Items.SingleOrDefault();
    }

    public async Task<IList<V1Secret>> SecretsAsync(string ns) => (await Client.CoreV1.ListNamespacedSecretAsync(ns, cancellationToken: Ct)).Items;

    public async ValueTask DisposeAsync()
    {
        LoggerFactory.Dispose();
        Logs.Dispose();
        await _api.DisposeAsync();
    }
}

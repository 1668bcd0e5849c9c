using System.Text;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.DependencyInjection;
using KubeEdge.PrePull.Runtime.Jobs;
using KubeEdge.PrePull.Runtime.Options;
using KubeEdge.PrePull.Runtime.Pulling.PodApply;
using KubeEdge.PrePull.Testing;
using KubeEdge.PrePull.Testing.Fleet;
using KubeEdge.PrePull.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// The embedded API server with simulated kubelets, plus controller hosts built the way users build them
/// (<c>AddImagePrePull().UseKubernetes(...).AddPodApplyPuller()</c> in a generic host). Real time, short intervals.
/// </summary>
internal sealed class ControllerCluster : IAsyncDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(90);
    private readonly List<IHost> _hosts = [];

    private ControllerCluster(ApiServerFixture api) => Api = api;

    /// <summary>The server and the test's client; <see cref="ApiServerFixture.CreateClient"/> makes further ones.</summary>
    public ApiServerFixture Api { get; }

    public EmbeddedApiServer Server => Api.Server;

    public Kubernetes Client => Api.Client;

    /// <summary>A temporary folder for files a test writes (kubeconfig, job YAML); deleted on dispose.</summary>
    public string Folder { get; } = System.IO.Directory.CreateTempSubdirectory("controller-cluster").FullName;

    /// <summary>Every log line of every host, to prove no secret reaches a log.</summary>
    public FakeLoggerProvider Logs { get; } = new();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ControllerCluster> StartAsync(EmbeddedApiServerOptions? options = null) => new(await ApiServerFixture.StartAsync(options));

    /// <summary>Starts a controller host; it is stopped on dispose unless the test stops it first.</summary>
    public async Task<IHost> StartControllerAsync(Action<ImagePrePullOptions>? configure = null, Action<PodApplyOptions>? podApply = null, TimeProvider? time = null)
    {
        var host = BuildControllerWith(b => b.AddPodApplyPuller(podApply), configure, time: time);
        await host.StartAsync(Ct);
        _hosts.Add(host);
        return host;
    }

    /// <summary>Starts a host the test built itself (e.g. on its own clock); it is stopped on dispose unless the test stops it first.</summary>
    public async Task StartHostAsync(IHost host)
    {
        await host.StartAsync(Ct);
        _hosts.Add(host);
    }

    /// <summary>Builds a PodApply controller host without starting it; its logs go to <see cref="Logs"/> unless <paramref name="logging"/> sets them up.</summary>
    public IHost BuildController(Action<ImagePrePullOptions>? configure = null, Action<PodApplyOptions>? podApply = null, Action<ILoggingBuilder>? logging = null) =>
        BuildControllerWith(b => b.AddPodApplyPuller(podApply), configure, logging: logging);

    /// <summary>
    /// Builds a controller host with the backends a test chooses (e.g. <c>AddPodApplyPuller().AddEdgeAgents()</c>),
    /// its client sending through <paramref name="handler"/> when one is given; leader election off, short flushes;
    /// on <paramref name="time"/> when given (e.g. a <see cref="PumpedClock"/>'s, so a test can jump to a deadline).
    /// </summary>
    public IHost BuildControllerWith(Action<IImagePrePullBuilder> backends, Action<ImagePrePullOptions>? configure = null, DelegatingHandler? handler = null, Action<ILoggingBuilder>? logging = null, TimeProvider? time = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        (logging ?? (l => l.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace)))(builder.Logging);
        var controller = builder.Services.AddImagePrePull(o =>
        {
            o.LeaderElectionEnabled = false;
            o.StatusFlushInterval = FlushInterval;
            configure?.Invoke(o);
        });
        backends(controller.UseKubernetes(_ => Api.CreateClient(handler)));
        return builder.Build();
    }

    public async Task StopAsync(IHost host)
    {
        await host.StopAsync(Ct);
        host.Dispose();
        _hosts.Remove(host);
    }

    /// <summary>Writes a kubeconfig for the server into <see cref="Folder"/> and returns its path.</summary>
    public string WriteKubeconfig()
    {
        var path = Path.Combine(Folder, "kubeconfig");
        Server.WriteKubeconfig(path);
        return path;
    }

    public IReadOnlyList<string> AddNodes(int count, int notReady = 0, params string[] regions)
    {
        var options = new NodeFleetOptions { Count = count, NotReadyCount = notReady };
        foreach (var region in regions)
        {
            options.Regions.Add(region);
        }

        return Server.Fleet.AddNodes(options);
    }

    /// <summary>Creates a <c>kubernetes.io/dockerconfigjson</c> secret with one registry's credential.</summary>
    public async Task CreateRegistrySecretAsync(string ns, string name, string registry, string user, string password)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
        var json = new System.Text.Json.Nodes.JsonObject
        {
            ["auths"] = new System.Text.Json.Nodes.JsonObject { [registry] = new System.Text.Json.Nodes.JsonObject { ["auth"] = auth } },
        }.ToJsonString();
        await Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                ApiVersion = "v1",
                Kind = "Secret",
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                Type = "kubernetes.io/dockerconfigjson",
                Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes(json) },
            },
            ns,
            cancellationToken: Ct);
    }

    /// <summary>The typed job client a user would take (docs/design.md §3 "Hosting").</summary>
    public ImagePrePullJobClient Jobs => new(Client);

    public Task CreateJobAsync(ImagePrePullJob job) => Jobs.CreateAsync(job, Ct);

    public Task<ImagePrePullJob?> GetJobAsync(string name) => Jobs.GetAsync(name, Ct);

    /// <summary>Sets the job's rerun annotation (docs/design.md §2 "Life cycle") with a merge patch.</summary>
    public async Task SetRerunAsync(string job, string value)
    {
        var patch = new System.Text.Json.Nodes.JsonObject
        {
            ["metadata"] = new System.Text.Json.Nodes.JsonObject
            {
                ["annotations"] = new System.Text.Json.Nodes.JsonObject { [ImagePrePullJobNames.RerunAnnotation] = value },
            },
        };
        await Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
            ImagePrePullJobNames.Group,
            ImagePrePullJobNames.V1Alpha2,
            ImagePrePullJobNames.Plural,
            job,
            cancellationToken: Ct);
    }

    public Task DeleteJobAsync(string name) => Jobs.DeleteAsync(name, Ct);

    /// <summary>Polls the job until <paramref name="condition"/> holds for it.</summary>
    public async Task<ImagePrePullJob> WaitForJobAsync(string name, Func<ImagePrePullJob, bool> condition, string what)
    {
        ImagePrePullJob? last = null;
        await UntilAsync(
            async () =>
            {
                last = await GetJobAsync(name);
                return last is not null && condition(last);
            },
            () => $"job {name} {what}; last status: {(last?.Status is null ? "none" : KubernetesJson.Serialize(last.Status))}; last logs:\n{RecentLogs()}");
        return last!;
    }

    public Task<ImagePrePullJob> WaitForPhaseAsync(string name, string phase) =>
        WaitForJobAsync(name, j => j.Status?.Phase == phase, "reaches phase " + phase);

    public async Task<IList<V1Pod>> PodsAsync() =>
        (await Client.CoreV1.ListNamespacedPodAsync(PodApplyOptions.DefaultNamespace, cancellationToken: Ct)).Items;

    public async Task<IList<V1Secret>> PodNamespaceSecretsAsync() =>
        (await Client.CoreV1.ListNamespacedSecretAsync(PodApplyOptions.DefaultNamespace, cancellationToken: Ct)).Items;

    public async Task<IList<Corev1Event>> EventsAsync(string job) =>
        (await Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.name=" + job, cancellationToken: Ct)).Items;

    /// <summary>Polls an asynchronous condition with a generous limit (the machine may be loaded); fails with <paramref name="what"/>.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, Func<string> what) =>
        Eventually.WaitUntilAsync(condition, what, WaitLimit, TimeSpan.FromMilliseconds(50));

    /// <summary>The controller's last log lines, so a timed-out wait shows what the controller was doing.</summary>
    private string RecentLogs() =>
        string.Join('\n', Logs.Collector.GetSnapshot().TakeLast(20).Select(r => $"  {r.Level} {r.Id.Id} {r.Message} {r.Exception?.Message}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.ToArray())
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        }

        await Api.DisposeAsync();
        Logs.Dispose();
        System.IO.Directory.Delete(Folder, recursive: true);
    }
}

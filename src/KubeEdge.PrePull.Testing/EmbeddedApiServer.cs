using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using KubeEdge.PrePull.Testing.Faults;
using KubeEdge.PrePull.Testing.Fleet;
using KubeEdge.PrePull.Testing.Resources;
using KubeEdge.PrePull.Testing.Routing;
using KubeEdge.PrePull.Testing.Storage;
using KubeEdge.PrePull.Testing.Tables;
using KubeEdge.PrePull.Testing.Watching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace KubeEdge.PrePull.Testing;

/// <summary>
/// An in-process Kubernetes API server over plain HTTP on 127.0.0.1 (a free port) that <c>KubernetesClient</c> and
/// <c>kubectl</c> accept: core/v1 nodes, pods, secrets, events and namespaces, coordination.k8s.io/v1 leases and the
/// ImagePrePullJob CRD (v1alpha1 and v1alpha2, status subresource), with list, watch, patch, selectors, optimistic
/// concurrency, finalizers, discovery, OpenAPI and Table printing; plus a simulated edge <see cref="Fleet"/> and
/// <see cref="Faults"/> on demand.
/// </summary>
/// <example>
/// <code>
/// await using var server = await EmbeddedApiServer.StartAsync();
/// server.Fleet.AddNodes(new NodeFleetOptions { Count = 3 });
/// using var client = server.CreateClient();
/// var nodes = await client.CoreV1.ListNodeAsync();
/// </code>
/// </example>
public sealed class EmbeddedApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ObjectStore _store;
    private readonly ResourceCatalog _catalog;
    private readonly KubeletSimulator _kubelets;

    private EmbeddedApiServer(WebApplication app, ObjectStore store, ResourceCatalog catalog, FaultInjector faults, SimulatedFleet fleet, KubeletSimulator kubelets, Uri uri)
    {
        _app = app;
        _store = store;
        _catalog = catalog;
        Faults = faults;
        Fleet = fleet;
        _kubelets = kubelets;
        Uri = uri;
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Uri { get; }

    /// <summary>Faults on demand (errors, 410 Gone, closed watches, delays).</summary>
    public FaultInjector Faults { get; }

    /// <summary>The simulated edge fleet: nodes and their kubelets.</summary>
    public SimulatedFleet Fleet { get; }

    /// <summary>The latest resourceVersion handed out.</summary>
    public long ResourceVersion => _store.CurrentResourceVersion;

    /// <summary>Starts a server.</summary>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// When <see cref="EmbeddedApiServerOptions.WatchHistoryLimit"/> or <see cref="EmbeddedApiServerOptions.WatchHistoryWindow"/> is not positive.
    /// </exception>
    public static async Task<EmbeddedApiServer> StartAsync(EmbeddedApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmbeddedApiServerOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.WatchHistoryLimit);
        if (options.WatchHistoryWindow <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WatchHistoryWindow, $"{nameof(EmbeddedApiServerOptions.WatchHistoryWindow)} must be positive.");
        }

        var time = options.TimeProvider ?? TimeProvider.System;
        var catalog = new ResourceCatalog(CrdResourceLoader.LoadImagePrePullJobs());
        var store = new ObjectStore(time, new WatchHistoryPolicy(options.WatchHistoryLimit, options.WatchHistoryWindow), catalog.Namespaces)
        {
            ValidateCustomResources = options.ValidateCustomResources,
        };
        foreach (var ns in options.Namespaces)
        {
            store.Create(catalog.Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        }

        var faults = new FaultInjector(resource => CloseWatches(store, catalog, resource));
        var tables = new TableBuilder(time);
        var handler = new ResourceHandler(store, new WatchStreamer(store, time, options.BookmarkInterval, tables), tables);
        var dispatcher = new ApiDispatcher(catalog, faults, handler, time);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(dispatcher.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var fleet = new SimulatedFleet(store, catalog.Nodes, time);
        var kubelets = new KubeletSimulator(store, catalog.Pods, catalog.Secrets, fleet, time);
        return new EmbeddedApiServer(app, store, catalog, faults, fleet, kubelets, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")));
    }

    /// <summary>A client configuration pointing at this server.</summary>
    /// <returns>The configuration.</returns>
    public KubernetesClientConfiguration CreateClientConfiguration() => new() { Host = Uri.ToString() };

    /// <summary>A <c>KubernetesClient</c> pointing at this server; the caller disposes it.</summary>
    /// <returns>The client.</returns>
    public Kubernetes CreateClient() => new(CreateClientConfiguration());

    /// <summary>
    /// Writes a kubeconfig file (context <c>embedded</c>) for <c>kubectl --kubeconfig</c>, <c>KUBECONFIG</c> or
    /// <c>KubernetesClientConfiguration.BuildConfigFromConfigFile</c>; its user carries a placeholder token.
    /// </summary>
    /// <param name="path">Where to write it.</param>
    /// <exception cref="ArgumentException">When <paramref name="path"/> is empty.</exception>
    public void WriteKubeconfig(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllText(path, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: embedded
              cluster:
                server: {{Uri.ToString().TrimEnd('/')}}
            contexts:
            - name: embedded
              context:
                cluster: embedded
                user: embedded
            current-context: embedded
            users:
            - name: embedded
              user:
                # The server does not authenticate; KubernetesClient refuses a user without any credential.
                token: embedded

            """);
    }

    /// <summary>
    /// Stores a new object exactly as given, without the CRD schema check, pruning or field validation a client's
    /// create gets: the back door for tests of objects another writer left behind (a schema gap, version skew),
    /// e.g. an ImagePrePullJob whose <c>images</c> is a map or whose <c>concurrency</c> is <c>"ten"</c>. Name,
    /// namespace and metadata rules still apply; watchers see it ADDED like any other object. Later writes through
    /// the API are validated, but values they leave unchanged are not re-checked (kube-apiserver's ratcheting), so
    /// status and finalizer writes on such an object work.
    /// </summary>
    /// <param name="json">The whole object as JSON, with <c>apiVersion</c>, <c>kind</c> and <c>metadata.name</c> (and <c>metadata.namespace</c> when namespaced).</param>
    /// <returns>The stored object (a copy).</returns>
    /// <exception cref="ArgumentException">When <paramref name="json"/> is not a JSON object of a served kind.</exception>
    /// <exception cref="InvalidOperationException">When the object cannot be stored (name taken, namespace missing, invalid name); the message is the API server's.</exception>
    public JsonObject CreateUnvalidated(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(json) as JsonObject ?? throw new ArgumentException("The object must be a JSON object.", nameof(json));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ArgumentException($"The object is not valid JSON: {e.Message}", nameof(json), e);
        }

        var apiVersion = (string?)obj["apiVersion"] ?? string.Empty;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        var kind = (string?)obj["kind"];
        var type = _catalog.All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Kind == kind)
            ?? throw new ArgumentException($"The server serves no kind '{kind}' at apiVersion '{apiVersion}'.", nameof(json));
        try
        {
            var stored = _store.Create(type, (string?)obj["metadata"]?["namespace"], obj, validate: false);
            return (JsonObject)stored.DeepClone();
        }
        catch (ApiException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }

    /// <summary>Stops the kubelets, ends open watches and stops the server.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        await _kubelets.DisposeAsync().ConfigureAwait(false);
        _store.CloseWatches(null, includeInternal: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void CloseWatches(ObjectStore store, ResourceCatalog catalog, string? resource)
    {
        if (resource is null)
        {
            store.CloseWatches(null);
            return;
        }

        foreach (var type in catalog.All.Where(t => t.Plural == resource))
        {
            store.CloseWatches(type);
        }
    }
}

using k8s;
using KubeEdge.PrePull.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.TestSupport;

/// <summary>
/// The one set-up of tests against the embedded API server: the server, a real KubernetesClient for the test, an
/// optional fake clock the server runs on, and optional delegating handlers (a request counter) in that client.
/// Disposing it disposes the client and the server.
/// </summary>
/// <remarks>
/// Two ways to use it. As an xunit class fixture (<c>IClassFixture&lt;ApiServerFixture&gt;</c>) when the tests of a
/// class never look at each other's objects: one server on the system clock serves the whole class. Per test
/// (<c>await using var cluster = await ApiServerFixture.StartAsync(...)</c>, or a field the test class starts in
/// <c>InitializeAsync</c>) when a test counts objects or requests or moves a fake clock: it gets a fresh server.
/// </remarks>
public sealed class ApiServerFixture : IAsyncLifetime
{
    private readonly EmbeddedApiServerOptions _options;
    private readonly DelegatingHandler[] _handlers;
    private EmbeddedApiServer? _server;
    private Kubernetes? _client;

    /// <summary>A server with default options on the system clock (the class-fixture form); started by xunit.</summary>
    public ApiServerFixture()
        : this(null, [])
    {
    }

    // xunit builds a class fixture through its one public constructor: the others are factories.
    private ApiServerFixture(EmbeddedApiServerOptions? options, DelegatingHandler[] handlers)
    {
        _options = options ?? new EmbeddedApiServerOptions();
        _handlers = handlers;
    }

    /// <summary>The running server.</summary>
    public EmbeddedApiServer Server => _server ?? throw NotStarted();

    /// <summary>The test's client, through the handlers given at construction.</summary>
    public Kubernetes Client => _client ?? throw NotStarted();

    /// <summary>The server's clock when it is a fake one (see <see cref="WithFakeClock"/>), else <see langword="null"/>.</summary>
    public FakeTimeProvider? Time => _options.TimeProvider as FakeTimeProvider;

    /// <summary>A server with the given options, not yet started.</summary>
    /// <param name="options">The server's options (its clock, watch history ...); defaults when <see langword="null"/>.</param>
    /// <param name="handlers">Handlers the test's <see cref="Client"/> sends through, outermost first (e.g. a request counter).</param>
    /// <returns>The fixture; start it with <see cref="InitializeAsync"/>.</returns>
    public static ApiServerFixture Create(EmbeddedApiServerOptions? options, params DelegatingHandler[] handlers) => new(options, handlers);

    /// <summary>A server on a new fake clock (<see cref="Time"/>), not yet started.</summary>
    /// <param name="configure">Further server options (watch history, bookmarks ...).</param>
    /// <param name="handlers">Handlers for the test's <see cref="Client"/>.</param>
    /// <returns>The fixture; start it with <see cref="InitializeAsync"/>.</returns>
    public static ApiServerFixture WithFakeClock(Action<EmbeddedApiServerOptions>? configure = null, params DelegatingHandler[] handlers) =>
        WithClock(new FakeTimeProvider(), configure, handlers);

    /// <summary>A server on the given clock, not yet started.</summary>
    /// <param name="time">The server's clock.</param>
    /// <param name="configure">Further server options.</param>
    /// <param name="handlers">Handlers for the test's <see cref="Client"/>.</param>
    /// <returns>The fixture; start it with <see cref="InitializeAsync"/>.</returns>
    public static ApiServerFixture WithClock(TimeProvider time, Action<EmbeddedApiServerOptions>? configure = null, params DelegatingHandler[] handlers)
    {
        var options = new EmbeddedApiServerOptions { TimeProvider = time };
        configure?.Invoke(options);
        return Create(options, handlers);
    }

    /// <summary>Starts a fresh server for one test.</summary>
    /// <param name="options">The server's options; defaults when <see langword="null"/>.</param>
    /// <param name="handlers">Handlers for the test's <see cref="Client"/>.</param>
    /// <returns>The started fixture; dispose it at the end of the test.</returns>
    public static async Task<ApiServerFixture> StartAsync(EmbeddedApiServerOptions? options = null, params DelegatingHandler[] handlers)
    {
        var fixture = Create(options, handlers);
        await fixture.InitializeAsync();
        return fixture;
    }

    /// <summary>Starts the server and the test's client.</summary>
    /// <returns>When both are ready.</returns>
    public async ValueTask InitializeAsync()
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("The API server fixture is already started.");
        }

        _server = await EmbeddedApiServer.StartAsync(_options, TestContext.Current.CancellationToken);
        _client = CreateClient(_handlers);
    }

    /// <summary>Starts the server (see <see cref="InitializeAsync"/>) and returns it with the test's client.</summary>
    /// <returns>The server and the client.</returns>
    public async Task<(EmbeddedApiServer Server, Kubernetes Client)> StartAsync()
    {
        await InitializeAsync();
        return (Server, Client);
    }

    /// <summary>A further client of the server (another replica or agent), through its own handlers; the caller disposes it.</summary>
    /// <param name="handlers">Handlers the client sends through, outermost first; <see langword="null"/> entries (a test's optional counter) are skipped.</param>
    /// <returns>A new client.</returns>
    public Kubernetes CreateClient(params DelegatingHandler?[] handlers) => new(Server.CreateClientConfiguration(), [.. handlers.OfType<DelegatingHandler>()]);

    /// <summary>The server and the test's client, for <c>var (server, client) = cluster;</c>.</summary>
    /// <param name="server">The running server.</param>
    /// <param name="client">The test's client.</param>
    public void Deconstruct(out EmbeddedApiServer server, out Kubernetes client) => (server, client) = (Server, Client);

    /// <summary>Disposes the client and stops the server.</summary>
    /// <returns>When the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _client = null;
        _server = null;
    }

    private static InvalidOperationException NotStarted() => new("The API server fixture is not started: call InitializeAsync (xunit does for a class fixture).");
}

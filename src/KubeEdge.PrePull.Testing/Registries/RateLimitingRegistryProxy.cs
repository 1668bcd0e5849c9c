using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KubeEdge.PrePull.Testing.Registries;

/// <summary>
/// A registry that rate-limits, for tests of 429 handling (docs/design.md §5): a plain-HTTP proxy on <c>127.0.0.1</c>
/// in front of a real registry (e.g. a <see cref="LocalRegistry"/>) that forwards every request as it is, headers and
/// credentials included, except the limited ones it refuses as Docker Hub does: status 429, a <c>Retry-After</c>
/// header and the distribution error body <c>{"errors":[{"code":"TOOMANYREQUESTS",...}]}</c>, which containerd and
/// dockerd report as <c>429 Too Many Requests</c> / <c>toomanyrequests</c>. Which requests are refused is set by
/// <see cref="RateLimitingProxyOptions"/>. Pull through <see cref="Host"/> with the upstream's credentials.
/// </summary>
public sealed class RateLimitingRegistryProxy : IAsyncDisposable
{
    /// <summary>The error code of the body of a 429 (the distribution spec's <c>TOOMANYREQUESTS</c>).</summary>
    public const string ErrorCode = "TOOMANYREQUESTS";

    private const string ErrorBody =
        "{\"errors\":[{\"code\":\"" + ErrorCode + "\",\"message\":\"You have reached your pull rate limit. This is a test registry proxy.\",\"detail\":null}]}";

    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "TE", "Trailer", "Host",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private readonly Uri _upstream;
    private readonly RateLimitingProxyOptions _options;
    private readonly Lock _gate = new();
    private int _limited;
    private int _inWindow;
    private long _windowStart = -1;
    private int _rejected;
    private int _forwarded;

    private RateLimitingRegistryProxy(WebApplication app, HttpClient client, Uri upstream, RateLimitingProxyOptions options, int port)
    {
        _app = app;
        _client = client;
        _upstream = upstream;
        _options = options;
        Port = port;
    }

    /// <summary>The proxy's port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>The proxy as a registry host, <c>127.0.0.1:PORT</c>: name images and credentials with it.</summary>
    public string Host => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>How many requests were answered 429.</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    /// <summary>How many limited requests were forwarded.</summary>
    public int Forwarded => Volatile.Read(ref _forwarded);

    /// <summary>Starts a proxy in front of <paramref name="upstream"/>.</summary>
    /// <param name="upstream">The registry's base address, e.g. <c>http://127.0.0.1:5000/</c> (for a <see cref="LocalRegistry"/>, <c>http://{Host}/</c>).</param>
    /// <param name="options">When to answer 429; <see langword="null"/> forwards everything. Not copied: changes apply to the next request.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running proxy; dispose it to stop it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="upstream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or the window is not positive.</exception>
    public static async Task<RateLimitingRegistryProxy> StartAsync(Uri upstream, RateLimitingProxyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        options ??= new RateLimitingProxyOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.RejectFirst, nameof(options.RejectFirst));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRequestsPerWindow, nameof(options.MaxRequestsPerWindow));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Window, TimeSpan.Zero, nameof(options.Window));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options.TimeProvider));

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
#pragma warning disable CA2000 // Owned by the proxy, disposed with it.
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
#pragma warning restore CA2000
        var proxy = new RateLimitingRegistryProxy(app, client, upstream, options, 0);
        app.Run(proxy.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Port = new Uri(address).Port;
        return proxy;
    }

    /// <summary>Stops the proxy.</summary>
    /// <returns>A task that completes when it has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"rate-limiting proxy {Host} -> {_upstream}";

    private async Task HandleAsync(HttpContext context)
    {
        if (IsLimited(context.Request.Path) && ShouldReject())
        {
            Interlocked.Increment(ref _rejected);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            if (_options.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            context.Response.ContentType = "application/json";
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.WriteAsync(ErrorBody, context.RequestAborted).ConfigureAwait(false);
            }

            return;
        }

        await ForwardAsync(context).ConfigureAwait(false);
    }

    private bool IsLimited(PathString path)
    {
        var value = path.Value ?? string.Empty;
        if (!value.StartsWith("/v2/", StringComparison.Ordinal) || value == "/v2/")
        {
            return false;
        }

        return !_options.ManifestsOnly || value.Contains("/manifests/", StringComparison.Ordinal);
    }

    private bool ShouldReject()
    {
        lock (_gate)
        {
            if (_limited < _options.RejectFirst)
            {
                _limited++;
                return true;
            }

            if (_options.MaxRequestsPerWindow > 0)
            {
                var time = _options.TimeProvider;
                var now = time.GetTimestamp();
                if (_windowStart < 0 || time.GetElapsedTime(_windowStart, now) >= _options.Window)
                {
                    _windowStart = now;
                    _inWindow = 0;
                }

                if (_inWindow >= _options.MaxRequestsPerWindow)
                {
                    return true;
                }

                _inWindow++;
            }

            _forwarded++;
            return false;
        }
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        var target = new Uri(_upstream, request.Path.Value + request.QueryString.Value);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopHeaders.Contains(name))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values) && message.Content is not null)
            {
                message.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        Copy(response.Headers, context.Response);
        Copy(response.Content.Headers, context.Response);
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static void Copy(HttpHeaders headers, HttpResponse response)
    {
        foreach (var (name, values) in headers)
        {
            if (!HopHeaders.Contains(name))
            {
                response.Headers[name] = values.ToArray();
            }
        }
    }
}

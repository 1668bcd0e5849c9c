using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Registries;
using KubeEdge.PrePull.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Testing.Tests.Registries;

/// <summary>The kit's rate-limiting proxy in front of a real docker-registry: 429 as Docker Hub answers it, else a faithful forward.</summary>
public sealed class RateLimitingRegistryProxyTests : IAsyncLifetime
{
    private const string ManifestAccept = "application/vnd.docker.distribution.manifest.v2+json";

    private readonly string _dir = Directory.CreateTempSubdirectory("rate-limit-proxy-tests-").FullName;
    private LocalRegistry? _registry;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private LocalRegistry Registry => _registry!;

    public async ValueTask InitializeAsync()
    {
        if (Daemons.Find("docker-registry") is not null && Daemons.Find("htpasswd") is not null)
        {
            _registry = await LocalRegistry.StartAsync(new LocalRegistryOptions { Directory = Path.Combine(_dir, "r"), User = "erin", Password = "erin-" + Guid.NewGuid().ToString("N") }, Ct);
            await _registry.PushImageAsync("edge/app", "v1");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task RejectFirst_AnswersTooManyRequestsWithRetryAfterAndTheDistributionError_ThenForwardsWithTheCredentials()
    {
        Require();
        await using var proxy = await RateLimitingRegistryProxy.StartAsync(Upstream, new RateLimitingProxyOptions { RejectFirst = 2, RetryAfter = TimeSpan.FromSeconds(6.5) }, Ct);
        using var http = new HttpClient();

        using (var ping = await http.GetAsync(new Uri($"http://{proxy.Host}/v2/"), Ct))
        {
            // The version check is never limited; the registry asks for credentials as it would.
            Assert.Equal(HttpStatusCode.Unauthorized, ping.StatusCode);
            Assert.Contains("Basic", ping.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        using (var first = await SendAsync(http, proxy, HttpMethod.Get))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter?.Delta);
            var error = JsonNode.Parse(await first.Content.ReadAsStringAsync(Ct))!["errors"]![0]!;
            Assert.Equal("TOOMANYREQUESTS", (string?)error["code"]);
            Assert.Contains("pull rate limit", (string?)error["message"], StringComparison.Ordinal);
        }

        using (var second = await SendAsync(http, proxy, HttpMethod.Head))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        }

        using var third = await SendAsync(http, proxy, HttpMethod.Get);

        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.StartsWith("sha256:", third.Headers.GetValues("Docker-Content-Digest").Single(), StringComparison.Ordinal);
        Assert.Contains("schemaVersion", await third.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(2, proxy.Rejected);
        Assert.Equal(1, proxy.Forwarded);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, proxy, password: "wrong"));
    }

    [Fact]
    public async Task MaxRequestsPerWindow_RefusesAboveTheRateUntilTheWindowMoves()
    {
        Require();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var proxy = await RateLimitingRegistryProxy.StartAsync(
            Upstream,
            new RateLimitingProxyOptions { MaxRequestsPerWindow = 2, Window = TimeSpan.FromMinutes(1), RetryAfter = null, TimeProvider = clock },
            Ct);
        using var http = new HttpClient();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, proxy));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, proxy));
        using (var refused = await SendAsync(http, proxy, HttpMethod.Get))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Null(refused.Headers.RetryAfter);
        }

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, proxy));
        Assert.Equal(1, proxy.Rejected);
    }

    [Fact]
    public async Task StartAsync_BadOptions_NameTheOption()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RateLimitingRegistryProxy.StartAsync(new Uri("http://127.0.0.1:1/"), new RateLimitingProxyOptions { RejectFirst = -1 }, Ct));

        Assert.Equal("RejectFirst", error.ParamName);
    }

    private Uri Upstream => new($"http://{Registry.Host}/");

    private static void Require()
    {
        Daemons.Require("docker-registry", "docker-registry");
        Daemons.Require("htpasswd", "apache2-utils");
    }

    private async Task<HttpStatusCode> StatusAsync(HttpClient http, RateLimitingRegistryProxy proxy, string? password = null)
    {
        using var response = await SendAsync(http, proxy, HttpMethod.Get, password);
        return response.StatusCode;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient http, RateLimitingRegistryProxy proxy, HttpMethod method, string? password = null)
    {
        using var request = new HttpRequestMessage(method, new Uri($"http://{proxy.Host}/v2/edge/app/manifests/v1"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ManifestAccept));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Registry.User}:{password ?? Registry.Password}")));
        return await http.SendAsync(request, Ct);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using KubeEdge.PrePull.Testing.Registries;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Testing.Tests.Registries;

/// <summary>The kit's local registry: a real docker-registry with htpasswd accounts, talked to over its HTTP API.</summary>
public sealed class LocalRegistryTests : IDisposable
{
    private const string ManifestAccept = "application/vnd.docker.distribution.manifest.v2+json";

    private readonly string _dir = Directory.CreateTempSubdirectory("local-registry-tests-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task PushImageAsync_EveryAccountReadsIt_AnonymousAndWrongPasswordAreRefused()
    {
        Require();
        var options = new LocalRegistryOptions { Directory = Path.Combine(_dir, "r"), User = "pusher", Password = "push-" + Guid.NewGuid().ToString("N") };
        options.AdditionalUsers["robot$reader"] = "read-" + Guid.NewGuid().ToString("N");
        await using var registry = await LocalRegistry.StartAsync(options, Ct);

        var image = await registry.PushImageAsync("edge/app", "v1");

        Assert.Equal($"127.0.0.1:{registry.Port}/edge/app:v1", image);
        Assert.Equal(HttpStatusCode.OK, await ManifestStatusAsync(registry, "robot$reader", options.AdditionalUsers["robot$reader"]));
        Assert.Equal(HttpStatusCode.OK, await ManifestStatusAsync(registry, options.User, options.Password));
        Assert.Equal(HttpStatusCode.Unauthorized, await ManifestStatusAsync(registry, "robot$reader", "not-the-password"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ManifestStatusAsync(registry, null, null));
        // The registry writes each access-log line a little after it answered, and the kit reads them from its output.
        await Eventually.WaitUntilAsync(() => registry.ManifestRequests("edge/app") >= 4, () => $"the access log shows 4 manifest requests (it shows {registry.ManifestRequests("edge/app")})");
        Assert.Equal(4, registry.ManifestRequests("edge/app"));
        Assert.DoesNotContain(options.Password, registry.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(options.Password, registry.Credential("default/push").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_ThePortRefusesConnections()
    {
        Require();
        var registry = await LocalRegistry.StartAsync(new LocalRegistryOptions { Directory = Path.Combine(_dir, "s"), User = "u", Password = "p" }, Ct);

        await registry.StopAsync();
        await registry.DisposeAsync();

        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri($"http://{registry.Host}/v2/"), Ct));
    }

    [Fact]
    public async Task StartAsync_RegistryNotInstalled_NamesItAndItsPackage()
    {
        var options = new LocalRegistryOptions { Directory = Path.Combine(_dir, "x"), User = "u", Password = "p", RegistryExecutable = "no-such-registry-binary" };

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => LocalRegistry.StartAsync(options, Ct));

        Assert.Equal("'no-such-registry-binary' is not installed (Debian package 'docker-registry'); a local registry needs it.", error.Message);
    }

    [Theory]
    [InlineData("", "u", "p", "Directory")]
    [InlineData("d", "", "p", "user ''")]
    [InlineData("d", "a:b", "p", "user 'a:b'")]
    [InlineData("d", "u", "", "the password of user 'u'")]
    public async Task StartAsync_BadOptions_NameTheSettingNeverThePassword(string directory, string user, string password, string named)
    {
        var options = new LocalRegistryOptions { Directory = directory.Length == 0 ? string.Empty : Path.Combine(_dir, directory), User = user, Password = password };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => LocalRegistry.StartAsync(options, Ct));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static void Require()
    {
        Daemons.Require("docker-registry", "docker-registry");
        Daemons.Require("htpasswd", "apache2-utils");
    }

    private static async Task<HttpStatusCode> ManifestStatusAsync(LocalRegistry registry, string? user, string? password)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{registry.Host}/v2/edge/app/manifests/v1"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ManifestAccept));
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }
}

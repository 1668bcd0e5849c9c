using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KubeEdge.PrePull.Images;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Registries;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Registries;

/// <summary>
/// The registry client against real docker-registry processes: htpasswd (basic auth), anonymous, and the bearer
/// token flow in front of one (docs/design.md §2 "Pinned digests", "Space check").
/// </summary>
public sealed class RegistryClientTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("registry-client-tests-").FullName;
    private readonly HttpClient _http = new();
    private readonly List<IAsyncDisposable> _owned = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        _http.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ResolveDigestAsync_Htpasswd_GivesTheManifestDigest_AndFollowsAMovedTag()
    {
        var registry = await StartAsync(anonymous: false);
        var image = ImageReference.Parse(await registry.PushImageAsync("edge/app", "v1"));
        var client = new RegistryClient(_http);

        var first = await client.ResolveDigestAsync(image, registry.Credential("default/dave"), Ct);
        var size = await client.GetSizeAsync(image, registry.Credential("default/dave"), Ct);
        await registry.PushImageAsync("edge/app", "v1", padding: 10);
        var moved = await client.ResolveDigestAsync(image, registry.Credential("default/dave"), Ct);

        Assert.StartsWith("sha256:", first, StringComparison.Ordinal);
        Assert.Equal(first, size.Digest);
        Assert.NotEqual(first, moved);
        Assert.Equal(first, await client.ResolveDigestAsync(ImageReference.Parse($"{image.Name}@{first}"), null, Ct));
    }

    [Fact]
    public async Task GetSizeAsync_Anonymous_SumsConfigAndLayers_RequiredIsTwice()
    {
        var registry = await StartAsync(anonymous: true);
        var image = ImageReference.Parse(await registry.PushImageAsync("edge/big", "v1", padding: 200_000));
        var client = new RegistryClient(_http);

        var digest = await client.ResolveDigestAsync(image, null, Ct);
        var size = await client.GetSizeAsync(image, null, Ct);

        Assert.Equal(digest, size.Digest);
        Assert.InRange(size.CompressedBytes, 200_000, 220_000);
        Assert.Equal(size.CompressedBytes * 2, size.RequiredBytes);
    }

    [Fact]
    public async Task ResolveDigestAsync_MultiArchIndex_KeepsTheIndexDigest_SizeReadsThePlatformManifest()
    {
        var registry = await StartAsync(anonymous: true);
        var single = ImageReference.Parse(await registry.PushImageAsync("edge/multi", "single", padding: 5000));
        var client = new RegistryClient(_http);
        var platformDigest = await client.ResolveDigestAsync(single, null, Ct);
        var platformSize = await client.GetSizeAsync(single, null, Ct);
        var arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "amd64";
        var index = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = "application/vnd.oci.image.index.v1+json",
            manifests = new object[]
            {
                new { mediaType = "application/vnd.docker.distribution.manifest.v2+json", digest = platformDigest, size = 500, platform = new { os = "linux", architecture = arch } },
            },
        });
        using var content = new ByteArrayContent(index);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.index.v1+json");
        using var put = await _http.PutAsync(new Uri($"http://{registry.Host}/v2/edge/multi/manifests/v1"), content, Ct);
        Assert.True(put.IsSuccessStatusCode, $"index PUT answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync(Ct)}");
        var tagged = ImageReference.Parse($"{registry.Host}/edge/multi:v1");

        var digest = await client.ResolveDigestAsync(tagged, null, Ct);
        var size = await client.GetSizeAsync(tagged, null, Ct);

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(index)), digest);
        Assert.Equal(platformDigest, size.Digest);
        Assert.Equal(platformSize.CompressedBytes, size.CompressedBytes);
    }

    [Fact]
    public async Task WrongPassword_FailsNamingRegistryRepositoryAndStatus_WithoutThePassword()
    {
        var registry = await StartAsync(anonymous: false);
        var image = ImageReference.Parse(await registry.PushImageAsync("edge/app", "v1"));
        const string Wrong = "wrong-Secret-Value-123";
        var client = new RegistryClient(_http);

        var resolve = await Assert.ThrowsAsync<RegistryException>(() => client.ResolveDigestAsync(image, registry.Credential("default/dave", Wrong), Ct));
        var size = await Assert.ThrowsAsync<RegistryException>(() => client.GetSizeAsync(image, registry.Credential("default/dave", Wrong), Ct));
        var anonymous = await Assert.ThrowsAsync<RegistryException>(() => client.ResolveDigestAsync(image, null, Ct));

        foreach (var e in new[] { resolve, size, anonymous })
        {
            Assert.StartsWith($"registry {registry.Host} answered 401 Unauthorized for manifest v1 of repository edge/app", e.Message, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
            Assert.Equal(PullFailureKind.Unauthorized, e.Kind);
            Assert.DoesNotContain(Wrong, e.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(registry.Password, e.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{registry.User}:{Wrong}")), e.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownTag_FailsWithTheRegistrysAnswer()
    {
        var registry = await StartAsync(anonymous: false);
        await registry.PushImageAsync("edge/app", "v1");
        var client = new RegistryClient(_http);

        var e = await Assert.ThrowsAsync<RegistryException>(() => client.ResolveDigestAsync(ImageReference.Parse($"{registry.Host}/edge/app:nope"), registry.Credential("default/dave"), Ct));

        Assert.Equal($"registry {registry.Host} answered 404 Not Found for manifest nope of repository edge/app: MANIFEST_UNKNOWN: manifest unknown", e.Message);
        Assert.Equal(PullFailureKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task BearerTokenFlow_GetsATokenWithTheJobsCredential_WrongOneFailsAtTheTokenEndpoint()
    {
        var registry = await StartAsync(anonymous: true);
        var pushed = ImageReference.Parse(await registry.PushImageAsync("edge/tok", "v1"));
        var front = await TokenAuthFront.StartAsync(new Uri($"http://{registry.Host}/"), "robot", "robot-pass-" + Guid.NewGuid().ToString("N"));
        _owned.Add(front);
        var image = ImageReference.Parse($"{front.Host}/edge/tok:v1");
        var client = new RegistryClient(_http);
        var good = new PullCredential("default/robot", front.Host, "robot", GoodPassword(front));
        const string Wrong = "Wrong-Token-Password-987";

        var digest = await client.ResolveDigestAsync(image, good, Ct);
        var size = await client.GetSizeAsync(image, good, Ct);
        var e = await Assert.ThrowsAsync<RegistryException>(() => client.ResolveDigestAsync(image, new PullCredential("default/robot", front.Host, "robot", Wrong), Ct));

        Assert.Equal(await client.ResolveDigestAsync(pushed, null, Ct), digest);
        Assert.Equal(digest, size.Digest);
        Assert.Equal("repository:edge/tok:pull", front.LastScope);
        Assert.True(front.TokensIssued >= 2);
        Assert.Equal($"the token endpoint of registry {front.Host} answered 401 Unauthorized for repository edge/tok: UNAUTHORIZED: bad credentials", e.Message);
        Assert.DoesNotContain(Wrong, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableRegistry_NamesRegistryAndRepository()
    {
        var client = new RegistryClient(_http);
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var e = await Assert.ThrowsAsync<RegistryException>(() => client.ResolveDigestAsync(ImageReference.Parse($"127.0.0.1:{port}/edge/app:v1"), new PullCredential("default/x", "h", "u", "Pw-Secret-555"), Ct));

        Assert.StartsWith($"registry 127.0.0.1:{port} could not be reached for repository edge/app: ", e.Message, StringComparison.Ordinal);
        Assert.Equal(PullFailureKind.RegistryUnreachable, e.Kind);
        Assert.DoesNotContain("Pw-Secret-555", e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docker.io", "https://registry-1.docker.io/")]
    [InlineData("registry.example.com:5000", "https://registry.example.com:5000/")]
    [InlineData("127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("localhost:5000", "http://localhost:5000/")]
    [InlineData("[::1]:5000", "http://[::1]:5000/")]
    [InlineData("insecure.lan:80", "http://insecure.lan:80/")]
    public void BaseAddress_LoopbackAndInsecureHostsUseHttp(string host, string expected) =>
        Assert.Equal(new Uri(expected), RegistryEndpoint.BaseAddress(host, new HashSet<string>(["insecure.lan:80"])));

    [Fact]
    public void AuthChallenge_ParsesQuotedParametersWithCommas()
    {
        var parameters = AuthChallenge.ParseParameters("realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:a/b:pull,push\"");

        Assert.Equal("https://auth.example.com/token", parameters["realm"]);
        Assert.Equal("registry.example.com", parameters["service"]);
        Assert.Equal("repository:a/b:pull,push", parameters["scope"]);
    }

    private static string GoodPassword(TokenAuthFront front) => front.Password;

    private async Task<TestRegistry> StartAsync(bool anonymous)
    {
        Daemons.Require("docker-registry", "docker-registry");
        Daemons.Require("htpasswd", "apache2-utils");
        var registry = await TestRegistry.StartAsync(
            new LocalRegistryOptions { Directory = Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8]), User = "dave", Password = "dave-" + Guid.NewGuid().ToString("N"), Anonymous = anonymous },
            Ct);
        _owned.Add(registry);
        return registry;
    }
}

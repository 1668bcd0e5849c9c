using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;

/// <summary>
/// A real <c>docker-registry</c> on a random loopback port, with htpasswd (bcrypt) authentication for one user, its
/// storage and config in its own folder. Images are built and pushed by <see cref="PushImageAsync"/>.
/// </summary>
public sealed partial class TestRegistry : IAsyncDisposable
{
    private readonly DaemonProcess daemon;
    private readonly HttpClient http;
    private readonly Dictionary<string, string> layers = [];
    private readonly string dataDir;

    private TestRegistry(DaemonProcess daemon, string dataDir, int port, string user, string password)
    {
        this.daemon = daemon;
        this.dataDir = dataDir;
        Port = port;
        User = user;
        Password = password;
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public string User { get; }

    public string Password { get; }

    public bool Stopped { get; private set; }

    /// <summary>A credential for this registry, as the keyring would hand it to a puller.</summary>
    public PullCredential Credential(string secret, string? password = null) => new(secret, Host, User, password ?? Password);

    public static async Task<TestRegistry> StartAsync(string executable, string htpasswdExecutable, string dir, string user, string password)
    {
        Directory.CreateDirectory(dir);
        var port = FreePort.Next();
        var htpasswd = Path.Combine(dir, "htpasswd");
        await File.WriteAllTextAsync(htpasswd, await RunAsync(htpasswdExecutable, "-Bbn", user, password));
        var config = Path.Combine(dir, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: info
              accesslog:
                disabled: false
            storage:
              filesystem:
                rootdirectory: {Path.Combine(dir, "data")}
            http:
              addr: 127.0.0.1:{port}
            auth:
              htpasswd:
                realm: prepull-tests
                path: {htpasswd}
            """);
        var daemon = DaemonProcess.Start($"docker-registry({user})", executable, ["serve", config], Path.Combine(dir, "registry.log"));
        var registry = new TestRegistry(daemon, Path.Combine(dir, "data"), port, user, password);
        using var probe = new HttpClient();
        await daemon.WaitUntilAsync(
            async () =>
            {
                try
                {
                    using var response = await probe.GetAsync(new Uri($"http://127.0.0.1:{port}/v2/"));
                    return response.StatusCode == HttpStatusCode.Unauthorized;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30));
        return registry;
    }

    /// <summary>Builds a one-layer image (one file, plus <paramref name="padding"/> random bytes) and pushes it.</summary>
    /// <returns>The full reference, <c>127.0.0.1:PORT/repository:tag</c>.</returns>
    public async Task<string> PushImageAsync(string repository, string tag, int padding = 0)
    {
        var image = TestImage.Build($"{Host}/{repository}:{tag}", padding);
        await PushBlobAsync(repository, image.Layer, image.LayerDigest);
        await PushBlobAsync(repository, image.Config, image.ConfigDigest);
        using var content = new ByteArrayContent(image.Manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(TestImage.ManifestMediaType);
        using var response = await http.PutAsync(new Uri($"v2/{repository}/manifests/{tag}", UriKind.Relative), content);
        await EnsureAsync(response, "manifest PUT");
        var reference = $"{Host}/{repository}:{tag}";
        layers[reference] = image.LayerDigest;
        return reference;
    }

    /// <summary>
    /// Deletes the layer blob of an image pushed here from the registry's storage, behind its back: the manifest still
    /// resolves, but the layer download fails once the pull is under way.
    /// </summary>
    public void CorruptLayer(string image)
    {
        var hex = layers[image]["sha256:".Length..];
        File.Delete(Path.Combine(dataDir, "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data"));
    }

    /// <summary>How many manifest requests (GET or HEAD) for <paramref name="repository"/> the access log shows.</summary>
    public int ManifestRequests(string repository) =>
        daemon.Lines.Count(l => AccessLogManifest().Match(l) is { Success: true } m && m.Groups["repo"].Value == repository);

    /// <summary>Stops the registry (the port then refuses connections).</summary>
    public async Task StopAsync()
    {
        Stopped = true;
        await daemon.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (!Stopped)
        {
            await StopAsync();
        }
    }

    private static async Task<string> RunAsync(string executable, params string[] arguments)
    {
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{executable} exited with {process.ExitCode}");
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task PushBlobAsync(string repository, byte[] blob, string digest)
    {
        using (var start = await http.PostAsync(new Uri($"v2/{repository}/blobs/uploads/", UriKind.Relative), null))
        {
            await EnsureAsync(start, "blob upload POST");
            var location = start.Headers.Location!.ToString();
            var separator = location.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            using var content = new ByteArrayContent(blob);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var put = await http.PutAsync(new Uri($"{location}{separator}digest={Uri.EscapeDataString(digest)}", UriKind.RelativeOrAbsolute), content);
            await EnsureAsync(put, string.Create(CultureInfo.InvariantCulture, $"blob PUT ({blob.Length} bytes)"));
        }
    }

    [GeneratedRegex("\"(GET|HEAD) /v2/(?<repo>.+?)/manifests/[^ ]+ HTTP")]
    private static partial Regex AccessLogManifest();
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Testing.Processes;

namespace KubeEdge.PrePull.Testing.Registries;

/// <summary>
/// A real private registry for tests and demos: a <c>docker-registry</c> process (the CNCF distribution registry) on
/// a free loopback port, plain HTTP, htpasswd (bcrypt) authentication, its config, storage and log in one folder.
/// <see cref="PushImageAsync"/> builds small images and pushes them over the registry HTTP API, so no Docker is needed.
/// </summary>
/// <remarks>
/// containerd pulls from it only when told the host speaks plain HTTP (a <c>hosts.toml</c>, see docs/demo.md);
/// dockerd treats <c>127.0.0.0/8</c> as an insecure registry by default. <see cref="ToString"/> never shows a password.
/// </remarks>
public sealed partial class LocalRegistry : IAsyncDisposable
{
    private readonly DaemonProcess _daemon;
    private readonly HttpClient _http;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _layers = new(StringComparer.Ordinal);
    private readonly string _dataDir;

    private LocalRegistry(DaemonProcess daemon, string dataDir, int port, string user, string password)
    {
        _daemon = daemon;
        _dataDir = dataDir;
        Port = port;
        User = user;
        Password = password;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>The registry host as image references name it: <c>127.0.0.1:PORT</c>.</summary>
    public string Host => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>The account images are pushed with.</summary>
    public string User { get; }

    /// <summary>The password of <see cref="User"/>.</summary>
    public string Password { get; }

    /// <summary>Whether <see cref="StopAsync"/> was called.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Starts the registry and waits until it answers (with <c>401</c>, or <c>200</c> when anonymous) on <c>/v2/</c>.</summary>
    /// <param name="options">The settings; read once.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The running registry; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    /// <exception cref="FileNotFoundException"><c>docker-registry</c> or <c>htpasswd</c> is not installed; the message names it and its Debian package.</exception>
    /// <exception cref="InvalidOperationException">The registry exited while starting; the message holds its last output.</exception>
    /// <exception cref="TimeoutException">The registry did not answer within <see cref="LocalRegistryOptions.StartTimeout"/>.</exception>
    public static async Task<LocalRegistry> StartAsync(LocalRegistryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var registry = Require(options.RegistryExecutable, "docker-registry");
        var htpasswd = Require(options.HtpasswdExecutable, "apache2-utils");
        var dir = System.IO.Directory.CreateDirectory(options.Directory).FullName;
        var port = FreePort.Next();
        var passwords = Path.Combine(dir, "htpasswd");
        var entries = new StringBuilder();
        foreach (var (user, password) in options.AdditionalUsers.Prepend(KeyValuePair.Create(options.User, options.Password)))
        {
            entries.Append(await HashAsync(htpasswd, user, password, cancellationToken).ConfigureAwait(false));
        }

        await File.WriteAllTextAsync(passwords, entries.ToString(), cancellationToken).ConfigureAwait(false);
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
            {(options.Anonymous ? string.Empty : $"auth:\n  htpasswd:\n    realm: kubeedge-prepull\n    path: {passwords}")}
            """, cancellationToken).ConfigureAwait(false);
        var daemon = DaemonProcess.Start($"docker-registry({options.User})", registry, ["serve", config], Path.Combine(dir, "registry.log"));
        var started = new LocalRegistry(daemon, Path.Combine(dir, "data"), port, options.User, options.Password);
        try
        {
            using var probe = new HttpClient();
            await daemon.WaitUntilAsync(() => AnswersAsync(probe, port, options.Anonymous, cancellationToken), options.StartTimeout, cancellationToken).ConfigureAwait(false);
            return started;
        }
        catch
        {
            await started.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A credential for this registry, as the keyring would hand it to a puller.</summary>
    /// <param name="secret">The secret reference it is said to come from, <c>namespace/name</c>.</param>
    /// <param name="password">Another password (a wrong one, for tests); <see cref="Password"/> when <see langword="null"/>.</param>
    /// <returns>The credential of <see cref="User"/>.</returns>
    public PullCredential Credential(string secret, string? password = null) => new(secret, Host, User, password ?? Password);

    /// <summary>Builds a one-layer image (one file, plus <paramref name="padding"/> random bytes) and pushes it.</summary>
    /// <param name="repository">The repository, e.g. <c>edge/app</c>.</param>
    /// <param name="tag">The tag.</param>
    /// <param name="padding">Random bytes added to the layer, to make pulls take bandwidth.</param>
    /// <returns>The full reference, <c>127.0.0.1:PORT/repository:tag</c>.</returns>
    /// <exception cref="InvalidOperationException">The registry refused a request; the message says which and why.</exception>
    /// <remarks>No cancellation token: a push of these small images to loopback takes milliseconds.</remarks>
    public async Task<string> PushImageAsync(string repository, string tag, int padding = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        var reference = $"{Host}/{repository}:{tag}";
        var image = TestImage.Build(reference, padding);
        await PushBlobAsync(repository, image.Layer, image.LayerDigest).ConfigureAwait(false);
        await PushBlobAsync(repository, image.Config, image.ConfigDigest).ConfigureAwait(false);
        using var content = new ByteArrayContent(image.Manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(TestImage.ManifestMediaType);
        using var response = await _http.PutAsync(new Uri($"v2/{repository}/manifests/{tag}", UriKind.Relative), content).ConfigureAwait(false);
        await EnsureAsync(response, "manifest PUT").ConfigureAwait(false);
        lock (_gate)
        {
            _layers[reference] = image.LayerDigest;
        }

        return reference;
    }

    /// <summary>
    /// Deletes the layer blob of an image pushed here from the registry's storage, behind its back: the manifest still
    /// resolves, but the layer download fails once the pull is under way.
    /// </summary>
    /// <param name="image">A reference <see cref="PushImageAsync"/> returned.</param>
    public void CorruptLayer(string image)
    {
        string digest;
        lock (_gate)
        {
            digest = _layers[image];
        }

        var hex = digest["sha256:".Length..];
        File.Delete(Path.Combine(_dataDir, "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data"));
    }

    /// <summary>How many manifest requests (GET or HEAD) for <paramref name="repository"/> the access log shows.</summary>
    /// <param name="repository">The repository, e.g. <c>edge/app</c>.</param>
    /// <returns>The count so far.</returns>
    /// <remarks>
    /// The registry writes a request's access-log line as it answers, and the count comes from its output as that is
    /// read: a count taken right after a request may not include it yet. Poll until the expected count shows (with a
    /// deadline) instead of reading it once.
    /// </remarks>
    public int ManifestRequests(string repository) =>
        _daemon.Lines.Count(l => AccessLogManifest().Match(l) is { Success: true } m && m.Groups["repo"].Value == repository);

    /// <summary>Stops the registry (the port then refuses connections).</summary>
    /// <returns>When it has stopped.</returns>
    public async Task StopAsync()
    {
        Stopped = true;
        await _daemon.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the registry unless stopped; the folder is left to its owner.</summary>
    /// <returns>When it has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!Stopped)
        {
            await StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Names the registry and its push account, never a password.</summary>
    /// <returns>For example <c>registry 127.0.0.1:5000 (user alice)</c>.</returns>
    public override string ToString() => $"registry {Host} (user {User})";

    private static string Require(string executable, string package) =>
        Executables.Find(executable)
        ?? throw new FileNotFoundException($"'{executable}' is not installed (Debian package '{package}'); a local registry needs it.", executable);

    private static async Task<bool> AnswersAsync(HttpClient probe, int port, bool anonymous, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await probe.GetAsync(new Uri($"http://127.0.0.1:{port}/v2/"), cancellationToken).ConfigureAwait(false);
            return response.StatusCode == (anonymous ? HttpStatusCode.OK : HttpStatusCode.Unauthorized);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>One bcrypt htpasswd line; the password goes through stdin, so it never shows in a process list.</summary>
    private static async Task<string> HashAsync(string htpasswd, string user, string password, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(htpasswd) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-B", "-i", "-n", user })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {htpasswd}");
        await process.StandardInput.WriteLineAsync(password.AsMemory(), cancellationToken).ConfigureAwait(false);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode == 0
            ? (await output.ConfigureAwait(false)).TrimEnd() + "\n"
            : throw new InvalidOperationException($"{htpasswd} exited with {process.ExitCode} for user {user}: {(await error.ConfigureAwait(false)).Trim()}");
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
    }

    private async Task PushBlobAsync(string repository, byte[] blob, string digest)
    {
        using var start = await _http.PostAsync(new Uri($"v2/{repository}/blobs/uploads/", UriKind.Relative), null).ConfigureAwait(false);
        await EnsureAsync(start, "blob upload POST").ConfigureAwait(false);
        var location = start.Headers.Location!.ToString();
        var separator = location.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        using var content = new ByteArrayContent(blob);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await _http.PutAsync(new Uri($"{location}{separator}digest={Uri.EscapeDataString(digest)}", UriKind.RelativeOrAbsolute), content).ConfigureAwait(false);
        await EnsureAsync(put, string.Create(CultureInfo.InvariantCulture, $"blob PUT ({blob.Length} bytes)")).ConfigureAwait(false);
    }

    [GeneratedRegex("\"(GET|HEAD) /v2/(?<repo>.+?)/manifests/[^ ]+ HTTP")]
    private static partial Regex AccessLogManifest();
}

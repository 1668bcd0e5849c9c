using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;

/// <summary>
/// A registry (<c>dave</c>) behind two rate-limiting proxies (one per runtime test, so neither sees the other's
/// refusals), and a containerd plus a dockerd on it that know both proxies as plain-HTTP registries
/// (docs/design.md §2 "Registry budget", §5).
/// </summary>
public sealed class RateLimitedFixture : IAsyncLifetime
{
    /// <summary>
    /// How many manifest requests the CRI proxy refuses before it forwards: containerd's resolver itself asks again
    /// after a 429 a few times (two refusals never reached the puller), so the puller sees a 429 only beyond those.
    /// </summary>
    public const int CriRefusals = 12;

    /// <summary>How many manifest requests the Docker proxy refuses before it forwards (dockerd does not ask again).</summary>
    public const int DockerRefusals = 2;

    private readonly List<IAsyncDisposable> _owned = [];

    public string TempDir { get; } = Path.Combine(Path.GetTempPath(), "pp-rl-" + Guid.NewGuid().ToString("N")[..10]);

    public LocalRegistry Dave { get; private set; } = null!;

    public RateLimitingRegistryProxy CriProxy { get; private set; } = null!;

    public RateLimitingRegistryProxy DockerProxy { get; private set; } = null!;

    public ContainerdDaemon Containerd { get; private set; } = null!;

    public DockerDaemon Docker { get; private set; } = null!;

    private static IEnumerable<(string Name, string Package)> Binaries =>
        [("docker-registry", "docker-registry"), ("htpasswd", "apache2-utils"), ("containerd", "containerd"), ("dockerd", "docker.io")];

    /// <summary>Skips (or, with <c>PREPULL_REQUIRE_DAEMONS=1</c>, fails) the calling test when the daemons are unavailable.</summary>
    public static void Require() => Daemons.RequireAsRoot(Binaries);

    public async ValueTask InitializeAsync()
    {
        if (Binaries.Any(b => Daemons.Find(b.Name) is null) || !Environment.IsPrivilegedProcess)
        {
            return;
        }

        Directory.CreateDirectory(TempDir);
        Dave = Own(await LocalRegistry.StartAsync(new LocalRegistryOptions { Directory = Path.Combine(TempDir, "dave"), User = "dave", Password = "dave-" + Guid.NewGuid().ToString("N") }));
        var upstream = new Uri($"http://{Dave.Host}/");
        CriProxy = Own(await RateLimitingRegistryProxy.StartAsync(upstream, new RateLimitingProxyOptions { RejectFirst = CriRefusals }));
        DockerProxy = Own(await RateLimitingRegistryProxy.StartAsync(upstream, new RateLimitingProxyOptions { RejectFirst = DockerRefusals }));
        string[] hosts = [CriProxy.Host, DockerProxy.Host];
        Containerd = Own(await ContainerdDaemon.StartAsync(Daemons.Find("containerd")!, Path.Combine(TempDir, "c"), hosts));
        Docker = Own(await DockerDaemon.StartAsync(Daemons.Find("dockerd")!, Path.Combine(TempDir, "d"), Containerd.SocketPath, hosts));
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        try
        {
            if (Directory.Exists(TempDir))
            {
                Directory.Delete(TempDir, recursive: true);
            }
        }
        catch (IOException)
        {
            // A daemon may leave a busy file behind; the OS cleans /tmp.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private T Own<T>(T daemon)
        where T : IAsyncDisposable
    {
        _owned.Add(daemon);
        return daemon;
    }
}

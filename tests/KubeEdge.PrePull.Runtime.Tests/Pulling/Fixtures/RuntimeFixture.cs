using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;

/// <summary>
/// What both puller test classes need, started once per class: three authenticated registries (<c>alice</c>,
/// <c>bob</c>, and <c>carol</c>, which one test stops), a black-hole registry, and the runtime the subclass starts.
/// Everything lives in one temp dir and on loopback; disposal stops the daemons and deletes the dir.
/// </summary>
public abstract class RuntimeFixture : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    public string TempDir { get; } = Path.Combine(Path.GetTempPath(), "pp-" + Guid.NewGuid().ToString("N")[..10]);

    public LocalRegistry Alice { get; private set; } = null!;

    public LocalRegistry Bob { get; private set; } = null!;

    public LocalRegistry Carol { get; private set; } = null!;

    public BlackHoleRegistry BlackHole { get; } = new();

    /// <summary>Whether the daemons could be started here (binaries present, running as root).</summary>
    protected bool Available { get; private set; }

    /// <summary>The binaries this fixture needs: name and Debian package.</summary>
    protected virtual IEnumerable<(string Name, string Package)> Binaries =>
        [("docker-registry", "docker-registry"), ("htpasswd", "apache2-utils"), ("containerd", "containerd")];

    /// <summary>Skips (or, with <c>PREPULL_REQUIRE_DAEMONS=1</c>, fails) the calling test when the daemons are unavailable.</summary>
    public void Require() => Daemons.RequireAsRoot(Binaries);

    public async ValueTask InitializeAsync()
    {
        if (Binaries.Any(b => Daemons.Find(b.Name) is null) || !Environment.IsPrivilegedProcess)
        {
            return;
        }

        Directory.CreateDirectory(TempDir);
        Alice = Own(await StartRegistryAsync("alice"));
        Bob = Own(await StartRegistryAsync("bob"));
        Carol = Own(await StartRegistryAsync("carol"));
        await StartRuntimeAsync([Alice.Host, Bob.Host, Carol.Host, BlackHole.Host]);
        Available = true;
    }

    public async ValueTask DisposeAsync()
    {
        // Runtimes first (they were started last), then the registries.
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        BlackHole.Dispose();
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

        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the runtime with the given registries configured as plain-HTTP hosts.</summary>
    protected abstract Task StartRuntimeAsync(IReadOnlyList<string> registryHosts);

    private Task<LocalRegistry> StartRegistryAsync(string user) => LocalRegistry.StartAsync(new LocalRegistryOptions
    {
        Directory = Path.Combine(TempDir, user),
        User = user,
        Password = user + "-" + Guid.NewGuid().ToString("N"),
    });

    protected T Own<T>(T daemon)
        where T : IAsyncDisposable
    {
        _owned.Add(daemon);
        return daemon;
    }
}

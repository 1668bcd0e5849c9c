using KubeEdge.PrePull.Testing.Registries;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>
/// The demo's own two private registries for real pulls: <c>docker-registry</c> processes on loopback with htpasswd
/// accounts (each registry's robot plus the mirror account of the region it mirrors), in a temp folder, holding every
/// image of the scenario (small generated images pushed at start). Disposing stops them and deletes the folder.
/// </summary>
internal sealed class DemoRegistries : IAsyncDisposable
{
    private const string HarborRole = "harbor";
    private const string OrgRole = "org";

    private readonly string _directory;
    private readonly List<LocalRegistry> _registries;

    private DemoRegistries(string directory, List<LocalRegistry> registries, DemoScenario scenario)
    {
        _directory = directory;
        _registries = registries;
        Scenario = scenario;
    }

    /// <summary>The scenario on these registries' hosts.</summary>
    public DemoScenario Scenario { get; }

    /// <summary>Starts both registries and pushes the images.</summary>
    /// <param name="passwords">The password of each of the scenario's <see cref="DemoScenario.Accounts"/>, in that order.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="CliException"><c>docker-registry</c> or <c>htpasswd</c> is not installed, or a registry did not start.</exception>
    public static async Task<DemoRegistries> StartAsync(IReadOnlyList<string> passwords, CancellationToken cancellationToken)
    {
        // The accounts in role order: with the roles standing in for hosts, each account says which registry must accept it.
        var roles = DemoScenario.Local(HarborRole, OrgRole).Accounts;
        var directory = Directory.CreateTempSubdirectory("kubeedge-prepull-registries-").FullName;
        var started = new List<LocalRegistry>();
        try
        {
            foreach (var role in new[] { HarborRole, OrgRole })
            {
                var options = new LocalRegistryOptions { Directory = Path.Combine(directory, role) };
                for (var i = 0; i < roles.Count; i++)
                {
                    if (roles[i].Registry != role)
                    {
                        continue;
                    }

                    if (options.User.Length == 0)
                    {
                        (options.User, options.Password) = (roles[i].User, passwords[i]);
                    }
                    else
                    {
                        options.AdditionalUsers[roles[i].User] = passwords[i];
                    }
                }

                started.Add(await LocalRegistry.StartAsync(options, cancellationToken).ConfigureAwait(false));
            }

            // Every image on both (each registry is also the other region's mirror), except the one image hangzhou's
            // mirror lacks: hangzhou's nodes fall back to its origin for it.
            var hangzhouMirror = DemoScenario.Local(HarborRole, OrgRole).Mirrors[0].Mirror.Registry;
            for (var r = 0; r < started.Count; r++)
            {
                foreach (var (_, repository, tag) in DemoScenario.ImagePaths)
                {
                    if (new[] { HarborRole, OrgRole }[r] == hangzhouMirror && (repository, tag) == DemoScenario.MissingOnHangzhouMirror)
                    {
                        continue;
                    }

                    await started[r].PushImageAsync(repository, tag).ConfigureAwait(false);
                }
            }

            return new DemoRegistries(directory, started, DemoScenario.Local(started[0].Host, started[1].Host));
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException or TimeoutException or HttpRequestException)
        {
            await StopAsync(started, directory).ConfigureAwait(false);
            throw new CliException(e is FileNotFoundException ? e.Message : "could not start the demo's local registries: " + e.Message, e);
        }
        catch
        {
            await StopAsync(started, directory).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>One line naming the registries (never a password).</summary>
    public string Description => $"local registries {string.Join(" and ", _registries.Select(r => r.Host))} (docker-registry with htpasswd, images pushed by the demo, data in {_directory})";

    public ValueTask DisposeAsync() => new(StopAsync(_registries, _directory));

    private static async Task StopAsync(List<LocalRegistry> registries, string directory)
    {
        foreach (var registry in registries)
        {
            await registry.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the OS cleans the temp folder.
        }
    }
}

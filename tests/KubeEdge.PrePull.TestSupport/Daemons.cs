using KubeEdge.PrePull.Testing.Processes;

namespace KubeEdge.PrePull.TestSupport;

/// <summary>
/// The one skip rule for tests that need real daemons or binaries (containerd, dockerd, docker-registry, kubectl):
/// they skip with a message saying how to enable them, except when <c>PREPULL_REQUIRE_DAEMONS=1</c> (as in CI),
/// where a missing daemon fails the test.
/// </summary>
public static class Daemons
{
    /// <summary>Whether missing daemons fail tests instead of skipping them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("PREPULL_REQUIRE_DAEMONS") == "1";

    /// <summary>Finds an executable on PATH (or in the usual sbin folders).</summary>
    /// <param name="name">The executable's name, e.g. <c>containerd</c>.</param>
    /// <returns>Its full path, or <see langword="null"/>.</returns>
    public static string? Find(string name) => Executables.Find(name);

    /// <summary>
    /// Returns the path of <paramref name="name"/>; when it is missing, skips the current test (or fails it when
    /// daemons are required).
    /// </summary>
    /// <param name="name">The executable's name.</param>
    /// <param name="package">The Debian package that provides it.</param>
    /// <returns>The executable's full path.</returns>
    public static string Require(string name, string package)
    {
        var found = Find(name);
        if (found is not null)
        {
            return found;
        }

        var message = $"'{name}' is not installed (Debian package '{package}'). Run the README's test command as root to install it; set PREPULL_REQUIRE_DAEMONS=1 to make this a failure instead of a skip.";
        if (Required)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return found!;
    }

    /// <summary>
    /// Requires every executable in <paramref name="executables"/> (see <see cref="Require"/>) and root, which
    /// containerd and dockerd need; when one is missing, skips the current test (or fails it when daemons are required).
    /// </summary>
    /// <param name="executables">Each executable's name and the Debian package that provides it.</param>
    public static void RequireAsRoot(params IEnumerable<(string Name, string Package)> executables)
    {
        foreach (var (name, package) in executables)
        {
            Require(name, package);
        }

        if (!Environment.IsPrivilegedProcess)
        {
            const string Message = "containerd and dockerd need root: run the tests as root (as CI does).";
            if (Required)
            {
                Assert.Fail(Message);
            }

            Assert.Skip(Message);
        }
    }
}

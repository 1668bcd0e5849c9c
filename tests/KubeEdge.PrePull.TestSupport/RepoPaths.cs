namespace KubeEdge.PrePull.TestSupport;

/// <summary>
/// Paths inside the repository that tests read: the repository root, the test vectors (<c>tests/vectors</c>, see
/// its README for where each set comes from) and the built samples. Nothing outside the repository is read.
/// </summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RepoRootPath = new(FindRepoRoot);

    /// <summary>The repository root (the folder holding <c>PrePull.sln</c>).</summary>
    public static string RepoRoot => RepoRootPath.Value;

    /// <summary>The test vectors folder, <c>tests/vectors</c>.</summary>
    public static string Vectors => Path.Combine(RepoRoot, "tests", "vectors");

    /// <summary>The full path of a vector file, e.g. <c>Vector("keyring.json")</c>.</summary>
    /// <param name="relativePath">Path under <c>vectors/</c>.</param>
    /// <returns>The full path.</returns>
    public static string Vector(string relativePath) => Path.Combine(Vectors, relativePath);

    /// <summary>
    /// The built entry assembly of a sample (<c>samples/NAME</c>), in the configuration and framework the running
    /// tests were built with; the test project references the sample so it is built first.
    /// </summary>
    /// <param name="sample">The sample's folder and assembly name, e.g. <c>ControllerHost</c>.</param>
    /// <returns>The full path of <c>NAME.dll</c>.</returns>
    public static string SampleAssembly(string sample)
    {
        // tests/{project}/bin/{Configuration}/{framework}/
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        return Path.Combine(RepoRoot, "samples", sample, "bin", configuration, framework.Name, sample + ".dll");
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PrePull.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No PrePull.sln above '{AppContext.BaseDirectory}'.");
    }
}

namespace KubeEdge.PrePull.Testing.Processes;

/// <summary>Finds the daemons and tools the kit starts (docker-registry, htpasswd, containerd ...) as a shell would, plus the sbin folders root's PATH has.</summary>
internal static class Executables
{
    private static readonly string[] UsualFolders = ["/usr/sbin", "/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"];

    /// <summary>The full path of <paramref name="name"/>, or <see langword="null"/> when it is not installed.</summary>
    public static string? Find(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator).Concat(UsualFolders))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

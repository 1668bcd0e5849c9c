namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// The registry host a reference pulls from, and the keys of a registry budget (docs/design.md §2 "Registry budget").
/// A host is compared without regard to case; Docker Hub's names (<c>docker.io</c>, <c>index.docker.io</c>,
/// <c>registry-1.docker.io</c>) are one registry, <c>docker.io</c>.
/// </summary>
internal static class RegistryHost
{
    public const string DockerHub = "docker.io";

    private const string NotAHost =
        "a registry host is a DNS name or an IPv4 address (letters, digits, '-' and '.'), optionally with ':port' (or '_port' in configuration keys), without a scheme or a path";

    /// <summary>
    /// The host of <paramref name="image"/> as the kubelet splits it: the first path segment when it has a <c>.</c> or a
    /// <c>:</c> or is <c>localhost</c>, else Docker Hub. No allocation: the span points into the reference.
    /// </summary>
    public static ReadOnlySpan<char> Of(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return DockerHub;
        }

        var first = image.AsSpan(0, slash);
        if (first.IndexOfAny('.', ':') < 0 && !first.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return DockerHub;
        }

        return IsDockerHubAlias(first) ? DockerHub : first;
    }

    /// <summary>
    /// The registry a key of the options names, in the form <see cref="Of"/> returns. A port may be written after
    /// <c>_</c> (<c>127.0.0.1_5000</c>), since <c>:</c> separates configuration sections.
    /// </summary>
    public static string Normalize(string key)
    {
        var host = key.Trim().Replace('_', ':').ToLowerInvariant();
        return IsDockerHubAlias(host) ? DockerHub : host;
    }

    /// <summary>Why <paramref name="key"/> is not a registry host (<c>host</c> or <c>host:port</c>), or <see langword="null"/>.</summary>
    public static string? Check(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return "a registry host must not be empty";
        }

        var host = key.Trim().Replace('_', ':');
        if (host.Contains('/', StringComparison.Ordinal))
        {
            return NotAHost;
        }

        var colon = host.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? host : host[..colon];
        if (colon >= 0)
        {
            var port = host[(colon + 1)..];
            if (port.Length is 0 or > 5 || !port.All(char.IsAsciiDigit) || int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) is 0 or > 65535)
            {
                return "the port must be a number from 1 to 65535";
            }
        }

        if (name.Length is 0 or > 253)
        {
            return "the host name must have 1 to 253 characters";
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length == 0 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return NotAHost;
            }
        }

        return null;
    }

    private static bool IsDockerHubAlias(ReadOnlySpan<char> host) =>
        host.Equals(DockerHub, StringComparison.OrdinalIgnoreCase)
        || host.Equals("index.docker.io", StringComparison.OrdinalIgnoreCase)
        || host.Equals("registry-1.docker.io", StringComparison.OrdinalIgnoreCase);
}

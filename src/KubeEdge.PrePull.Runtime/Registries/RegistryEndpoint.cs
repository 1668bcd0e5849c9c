using System.Net;

namespace KubeEdge.PrePull.Runtime.Registries;

/// <summary>
/// Where the v2 API of a registry host is (docs/design.md §2 "Pinned digests"): <c>docker.io</c> is served by
/// <c>registry-1.docker.io</c>; loopback hosts and the hosts the options list as insecure speak plain HTTP, as the
/// runtimes are configured to use them; every other host speaks HTTPS.
/// </summary>
internal static class RegistryEndpoint
{
    private const string DockerHub = "docker.io";

    /// <summary>The base address of <paramref name="host"/>'s API, ending in <c>/</c>.</summary>
    /// <param name="host">The registry host as references name it, with its port.</param>
    /// <param name="insecureHosts">Hosts reached over plain HTTP besides loopback ones.</param>
    /// <returns>For example <c>https://registry.example.com/</c>.</returns>
    public static Uri BaseAddress(string host, IReadOnlySet<string> insecureHosts)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        var authority = string.Equals(host, DockerHub, StringComparison.Ordinal) ? "registry-1.docker.io" : host;
        var scheme = insecureHosts.Contains(host) || IsLoopback(host) ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;
        return new Uri($"{scheme}://{authority}/");
    }

    /// <summary>Whether the host part of <paramref name="host"/> (port removed) is <c>localhost</c> or a loopback address.</summary>
    public static bool IsLoopback(string host)
    {
        var name = host;
        if (name.StartsWith('['))
        {
            var close = name.IndexOf(']', StringComparison.Ordinal);
            name = close < 0 ? name : name[1..close];
        }
        else if (name.LastIndexOf(':') is var colon and > 0)
        {
            name = name[..colon];
        }

        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
    }
}

namespace KubeEdge.PrePull.Credentials.Internal;

/// <summary>
/// A normalized repository name (<c>docker.io/library/nginx</c>) read as the URL <c>https://name</c>, split the way
/// the kubelet's <c>URLsMatch</c> needs it. A ref struct over the name: matching allocates nothing.
/// </summary>
internal readonly ref struct LookupTarget
{
    public LookupTarget(ReadOnlySpan<char> name)
    {
        var slash = name.IndexOf('/');
        var hostPort = slash < 0 ? name : name[..slash];
        Path = slash < 0 ? default : name[slash..];
        HostPort.Split(hostPort, out var host, out var port);
        Host = host;
        Port = port;
        LabelCount = host.Count('.') + 1;
    }

    /// <summary>The host without port.</summary>
    public ReadOnlySpan<char> Host { get; }

    /// <summary>The port, empty when none.</summary>
    public ReadOnlySpan<char> Port { get; }

    /// <summary>The URL path: empty, or starting with <c>/</c>.</summary>
    public ReadOnlySpan<char> Path { get; }

    /// <summary>How many dot-separated labels the host has.</summary>
    public int LabelCount { get; }
}

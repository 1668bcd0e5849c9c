namespace KubeEdge.PrePull.Credentials.Internal;

/// <summary>
/// One key of a docker config (<c>https://index.docker.io/v1/</c>, <c>*.example.com/team</c>) turned into the
/// kubelet's index key (<c>BasicDockerKeyring.Add</c>) and pre-split for <c>URLsMatch</c>.
/// </summary>
internal sealed class RegistryKey
{
    private readonly string[] _labels;
    private readonly string _port;
    private readonly string _path;

    private RegistryKey(string index, string host, string path)
    {
        Index = index;
        _path = path;
        HostPort.Split(host, out var hostOnly, out var port);
        _labels = hostOnly.ToString().Split('.');
        _port = port.ToString();
    }

    /// <summary>The index key (host, port and path; no scheme, no <c>/v1/</c>): what the keyring sorts and matches.</summary>
    public string Index { get; }

    /// <summary>Returns <see langword="null"/> when the key is no valid URL (the kubelet logs and skips it).</summary>
    public static RegistryKey? TryCreate(string key)
    {
        var value = key.StartsWith("https://", StringComparison.Ordinal) || key.StartsWith("http://", StringComparison.Ordinal)
            ? key.AsSpan(key.IndexOf("://", StringComparison.Ordinal) + 3)
            : key.AsSpan();
        var authorityEnd = value.IndexOfAny('/', '?', '#');
        var authority = authorityEnd < 0 ? value : value[..authorityEnd];
        var rest = authorityEnd < 0 ? default : value[authorityEnd..];
        var queryStart = rest.IndexOfAny('?', '#');
        var path = queryStart < 0 ? rest : rest[..queryStart];
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        if (!IsValidHost(host))
        {
            return null;
        }

        // Docker treats /v1/ and /v2/ as the bare host.
        if (path.StartsWith("/v2/") || path.StartsWith("/v1/"))
        {
            path = path[3..];
        }

        var hostString = host.ToString();
        return path.IsEmpty || path.SequenceEqual("/")
            ? new RegistryKey(hostString, hostString, string.Empty)
            : new RegistryKey(string.Concat(host, path), hostString, path.ToString());
    }

    /// <summary>The key with any user info (<c>user:password@</c>) replaced by <c>***@</c>, for display.</summary>
    public static string Redact(string key)
    {
        var start = key.IndexOf("://", StringComparison.Ordinal);
        start = start < 0 ? 0 : start + 3;
        var authorityEnd = key.AsSpan(start).IndexOfAny('/', '?', '#');
        var authority = authorityEnd < 0 ? key.AsSpan(start) : key.AsSpan(start, authorityEnd);
        var at = authority.LastIndexOf('@');
        return at < 0 ? key : string.Concat(key.AsSpan(0, start), "***", key.AsSpan(start + at));
    }

    /// <summary>The kubelet's <c>URLsMatch</c>: equal ports, equal label counts, each label a glob, the path a plain prefix.</summary>
    public bool Matches(LookupTarget target)
    {
        if (!target.Port.SequenceEqual(_port) || target.LabelCount != _labels.Length)
        {
            return false;
        }

        var host = target.Host;
        foreach (var pattern in _labels)
        {
            var dot = host.IndexOf('.');
            var label = dot < 0 ? host : host[..dot];
            if (!HostGlob.IsMatch(pattern, label))
            {
                return false;
            }

            host = dot < 0 ? default : host[(dot + 1)..];
        }

        return target.Path.StartsWith(_path, StringComparison.Ordinal);
    }

    // What Go's url.Parse rejects in a host: bad brackets, a non-numeric port, characters that must be escaped.
    private static bool IsValidHost(ReadOnlySpan<char> host)
    {
        ReadOnlySpan<char> port;
        if (host.Length > 0 && host[0] == '[')
        {
            var close = host.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            port = host[(close + 1)..];
            if (!port.IsEmpty && port[0] != ':')
            {
                return false;
            }
        }
        else
        {
            var colon = host.LastIndexOf(':');
            port = colon < 0 ? default : host[colon..];
        }

        if (!port.IsEmpty && port[1..].ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        foreach (var c in host)
        {
            if (c < 0x80 && !char.IsAsciiLetterOrDigit(c) && "-._~!$&'()*+,;=:[]<>\"%".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return true;
    }
}

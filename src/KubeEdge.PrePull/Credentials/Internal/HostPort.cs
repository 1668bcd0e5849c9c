namespace KubeEdge.PrePull.Credentials.Internal;

/// <summary>
/// Go's <c>net.SplitHostPort</c> as the kubelet's keyring uses it: on any error the whole string is the host and
/// the port is empty, so <c>host</c> and <c>host:</c> differ only in that the second has an empty port.
/// </summary>
internal static class HostPort
{
    public static void Split(ReadOnlySpan<char> hostPort, out ReadOnlySpan<char> host, out ReadOnlySpan<char> port)
    {
        if (!TrySplit(hostPort, out host, out port))
        {
            host = hostPort;
            port = default;
        }
    }

    private static bool TrySplit(ReadOnlySpan<char> s, out ReadOnlySpan<char> host, out ReadOnlySpan<char> port)
    {
        host = default;
        port = default;
        var colon = s.LastIndexOf(':');
        if (colon < 0)
        {
            return false; // missing port
        }

        if (s.Length > 0 && s[0] == '[')
        {
            var close = s.IndexOf(']');
            if (close < 0 || close + 1 != colon)
            {
                return false;
            }

            host = s[1..close];
        }
        else
        {
            host = s[..colon];
            if (host.Contains(':'))
            {
                return false; // too many colons
            }
        }

        port = s[(colon + 1)..];
        return !host.ContainsAny('[', ']') && !port.ContainsAny('[', ']');
    }
}

namespace KubeEdge.PrePull.Images.Internal;

/// <summary>
/// The pieces of the distribution/reference grammar as hand-written scanners (no Regex: this is on the planning hot
/// path). Each method checks that the whole span matches the corresponding anchored expression.
/// </summary>
internal static class ReferenceGrammar
{
    /// <summary>Upper bound of a repository path (<c>RepositoryNameTotalLengthMax</c>).</summary>
    public const int MaxPathLength = 255;

    /// <summary>Upper bound of a tag: <c>[\w][\w.-]{0,127}</c>.</summary>
    public const int MaxTagLength = 128;

    /// <summary>
    /// <c>[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*</c>. With <paramref name="foldCase"/> upper-case letters count as
    /// lower-case: upstream re-matches the lower-cased input to tell "must be lowercase" from other errors.
    /// </summary>
    public static bool IsPathComponent(ReadOnlySpan<char> s, bool foldCase)
    {
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < s.Length && IsPathAlphanumeric(s[i], foldCase))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }

            if (i == s.Length)
            {
                return true;
            }

            switch (s[i])
            {
                case '.':
                    i++;
                    break;
                case '_':
                    i += i + 1 < s.Length && s[i + 1] == '_' ? 2 : 1;
                    break;
                case '-':
                    while (i < s.Length && s[i] == '-')
                    {
                        i++;
                    }

                    break;
                default:
                    return false;
            }
        }
    }

    /// <summary>One or more path components separated by <c>/</c>.</summary>
    public static bool IsRemoteName(ReadOnlySpan<char> s, bool foldCase)
    {
        while (true)
        {
            var slash = s.IndexOf('/');
            if (slash < 0)
            {
                return IsPathComponent(s, foldCase);
            }

            if (!IsPathComponent(s[..slash], foldCase))
            {
                return false;
            }

            s = s[(slash + 1)..];
        }
    }

    /// <summary><c>(?:domainName|\[[a-fA-F0-9:]+\])(?::[0-9]+)?</c>.</summary>
    public static bool IsDomainAndPort(ReadOnlySpan<char> s)
    {
        int hostEnd;
        if (s.Length > 0 && s[0] == '[')
        {
            hostEnd = s.IndexOf(']');
            if (hostEnd < 2 || s[1..hostEnd].ContainsAnyExcept(Ipv6Chars))
            {
                return false;
            }

            hostEnd++;
        }
        else
        {
            hostEnd = s.IndexOf(':');
            if (hostEnd < 0)
            {
                hostEnd = s.Length;
            }

            if (!IsDomainName(s[..hostEnd]))
            {
                return false;
            }
        }

        if (hostEnd == s.Length)
        {
            return true;
        }

        var port = s[(hostEnd + 1)..];
        return s[hostEnd] == ':' && port.Length > 0 && !port.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary><c>[\w][\w.-]{0,127}</c>.</summary>
    public static bool IsTag(ReadOnlySpan<char> s)
    {
        if (s.Length is 0 or > MaxTagLength || !IsWordChar(s[0]))
        {
            return false;
        }

        foreach (var c in s[1..])
        {
            if (!IsWordChar(c) && c != '.' && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[[:xdigit:]]{32,}</c>.</summary>
    public static bool IsDigest(ReadOnlySpan<char> s)
    {
        var colon = s.IndexOf(':');
        if (colon < 0)
        {
            return false;
        }

        var hex = s[(colon + 1)..];
        return IsDigestAlgorithm(s[..colon]) && hex.Length >= 32 && !hex.ContainsAnyExcept(HexChars);
    }

    /// <summary>True for a lower-case hex string of exactly 64 characters (an image id, not a name).</summary>
    public static bool IsHexIdentifier(ReadOnlySpan<char> s) => s.Length == 64 && !s.ContainsAnyExcept(LowerHexChars);

    /// <summary>Like Go's <c>strings.ToLower(s) == s</c> for the characters that can occur in a reference.</summary>
    public static bool IsLowercase(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c < 128 ? c is >= 'A' and <= 'Z' : char.ToLowerInvariant(c) != c)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDigestAlgorithm(ReadOnlySpan<char> s)
    {
        var atComponentStart = true;
        foreach (var c in s)
        {
            if (atComponentStart)
            {
                if (!char.IsAsciiLetter(c))
                {
                    return false;
                }

                atComponentStart = false;
            }
            else if (c is '-' or '_' or '+' or '.')
            {
                atComponentStart = true;
            }
            else if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return !atComponentStart;
    }

    // domainComponent = [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9], joined by '.'.
    private static bool IsDomainName(ReadOnlySpan<char> s)
    {
        while (true)
        {
            var dot = s.IndexOf('.');
            var component = dot < 0 ? s : s[..dot];
            if (component.Length == 0
                || !char.IsAsciiLetterOrDigit(component[0])
                || !char.IsAsciiLetterOrDigit(component[^1])
                || component.ContainsAnyExcept(DomainChars))
            {
                return false;
            }

            if (dot < 0)
            {
                return true;
            }

            s = s[(dot + 1)..];
        }
    }

    private static bool IsPathAlphanumeric(char c, bool foldCase) =>
        c is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (foldCase && c is >= 'A' and <= 'Z');

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static readonly System.Buffers.SearchValues<char> Ipv6Chars =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF:");

    private static readonly System.Buffers.SearchValues<char> HexChars =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static readonly System.Buffers.SearchValues<char> LowerHexChars =
        System.Buffers.SearchValues.Create("0123456789abcdef");

    private static readonly System.Buffers.SearchValues<char> DomainChars =
        System.Buffers.SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-");
}

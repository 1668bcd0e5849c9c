namespace KubeEdge.PrePull.Credentials.Internal;

/// <summary>
/// Go's <c>filepath.Match</c> for one host label, which is how the kubelet matches each dot-separated part of a
/// registry key: <c>*</c> (any run of characters), <c>?</c>, <c>[a-z]</c>/<c>[^...]</c> classes and <c>\</c> escapes.
/// A malformed pattern matches nothing, as the kubelet ignores the error.
/// </summary>
internal static class HostGlob
{
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        int p = 0, n = 0, starP = -1, starN = 0;
        while (n < name.Length || p < pattern.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starN = n;
                continue;
            }

            if (p < pattern.Length && n < name.Length)
            {
                var matched = MatchOne(pattern, p, name[n], out var next);
                if (next < 0)
                {
                    return false;
                }

                if (matched)
                {
                    p = next;
                    n++;
                    continue;
                }
            }

            // Backtrack: let the last '*' swallow one more character.
            if (starP >= 0 && starN < name.Length)
            {
                n = ++starN;
                p = starP + 1;
                continue;
            }

            return false;
        }

        return true;
    }

    // Matches one pattern element at p against c; next is the index after it, or -1 for a malformed pattern.
    private static bool MatchOne(ReadOnlySpan<char> pattern, int p, char c, out int next)
    {
        switch (pattern[p])
        {
            case '?':
                next = p + 1;
                return true;
            case '\\':
                next = p + 1 < pattern.Length ? p + 2 : -1;
                return next > 0 && pattern[p + 1] == c;
            case '[':
                return MatchClass(pattern, p + 1, c, out next);
            default:
                next = p + 1;
                return pattern[p] == c;
        }
    }

    private static bool MatchClass(ReadOnlySpan<char> pattern, int i, char c, out int next)
    {
        next = -1;
        var negated = i < pattern.Length && pattern[i] == '^';
        if (negated)
        {
            i++;
        }

        var matched = false;
        var ranges = 0;
        while (true)
        {
            if (i >= pattern.Length)
            {
                return false;
            }

            if (pattern[i] == ']' && ranges > 0)
            {
                next = i + 1;
                return matched != negated;
            }

            if (!ReadClassChar(pattern, ref i, out var lo))
            {
                return false;
            }

            var hi = lo;
            if (i < pattern.Length && pattern[i] == '-')
            {
                i++;
                if (!ReadClassChar(pattern, ref i, out hi))
                {
                    return false;
                }
            }

            matched |= lo <= c && c <= hi;
            ranges++;
        }
    }

    private static bool ReadClassChar(ReadOnlySpan<char> pattern, ref int i, out char value)
    {
        value = default;
        if (i >= pattern.Length || pattern[i] is '-' or ']')
        {
            return false;
        }

        if (pattern[i] == '\\')
        {
            i++;
            if (i >= pattern.Length)
            {
                return false;
            }
        }

        value = pattern[i++];
        return true;
    }
}

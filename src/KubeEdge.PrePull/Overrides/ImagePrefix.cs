using KubeEdge.PrePull.Images;

namespace KubeEdge.PrePull.Overrides;

/// <summary>
/// The <c>imagePrefixes</c> of an override rule (docs/design.md §2 "Overrides"): a rule touches an image when the
/// image's normalized original reference (<c>docker.io/library/nginx:1.27</c> for <c>nginx:1.27</c>) starts with
/// one of its prefixes, compared ordinally.
/// </summary>
internal static class ImagePrefix
{
    private const string Zeros = "0000000000000000000000000000000000000000000000000000000000000000"
        + "0000000000000000000000000000000000000000000000000000000000000000";

    // Endings that complete a prefix into a whole reference: a path component, a further component, a host with a
    // port and a path, a tag. A prefix is sound when one of them gives a reference whose normalized form still
    // starts with the prefix.
    private static readonly string[] Completions = ["", "a", "0", "/a", "/a/a", "a/a", ".a/a", "0/a", ":0/a", "a:a"];

    /// <summary>The normalized form of a valid reference, or <see langword="null"/> for an invalid one.</summary>
    public static string? Normalize(string image) =>
        ImageReference.TryParse(image, out var reference, out _) ? reference.ToString() : null;

    /// <summary>Whether <paramref name="normalized"/> starts with one of <paramref name="prefixes"/>; no prefix means every image.</summary>
    public static bool Covers(IReadOnlyList<string> prefixes, string? normalized)
    {
        if (prefixes.Count == 0)
        {
            return true;
        }

        if (normalized is null)
        {
            return false;
        }

        foreach (var prefix in prefixes)
        {
            if (normalized.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Why no normalized reference can start with <paramref name="prefix"/> (so the rule could never touch an
    /// image), or <see langword="null"/> when some can. <c>index.docker.io/</c> (normalized to <c>docker.io/</c>),
    /// <c>nginx:1.27</c> (a tag where a host belongs) and <c>docker.io/library/NGINX</c> are refused.
    /// </summary>
    public static string? Problem(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return "must not be empty";
        }

        foreach (var ending in CompletionsOf(prefix))
        {
            if (Normalize(prefix + ending) is { } normalized && normalized.StartsWith(prefix, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return "no normalized image reference (such as docker.io/library/nginx:1.27) starts with it";
    }

    private static IEnumerable<string> CompletionsOf(string prefix)
    {
        foreach (var ending in Completions)
        {
            yield return ending;
        }

        // A digest: complete the algorithm, then the hex digits up to the length sha256 or sha512 needs.
        var at = prefix.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var digest = prefix[(at + 1)..];
            foreach (var (algorithm, length) in new[] { ("sha256:", 64), ("sha512:", 128) })
            {
                if (algorithm.StartsWith(digest, StringComparison.Ordinal))
                {
                    yield return algorithm[digest.Length..] + Zeros[..length];
                }
                else if (digest.StartsWith(algorithm, StringComparison.Ordinal) && digest.Length - algorithm.Length <= length)
                {
                    yield return Zeros[..(length - (digest.Length - algorithm.Length))];
                }
            }
        }
    }
}

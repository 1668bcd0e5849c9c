using System.Text.RegularExpressions;

namespace KubeEdge.PrePull.Overrides;

/// <summary>The two patterns Karmada's <c>SetTagOrDigest</c> accepts (ASCII only, as in Go's RE2).</summary>
internal static partial class TagOrDigestSyntax
{
    public static bool IsTag(string value) => TagPattern().IsMatch(value);

    public static bool IsDigest(string value) => DigestPattern().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();
}

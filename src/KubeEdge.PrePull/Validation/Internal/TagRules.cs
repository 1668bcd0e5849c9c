using System.Text.RegularExpressions;

namespace KubeEdge.PrePull.Validation.Internal;

/// <summary>The tag and digest grammars that a <c>Tag</c> overrider value must follow (Karmada's SetTagOrDigest).</summary>
internal static partial class TagRules
{
    /// <summary>Whether <paramref name="value"/> is a valid tag or a valid digest.</summary>
    public static bool IsTagOrDigest(string value) => Tag().IsMatch(value) || Digest().IsMatch(value);

    [GeneratedRegex("^[\\w][\\w.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Digest();
}

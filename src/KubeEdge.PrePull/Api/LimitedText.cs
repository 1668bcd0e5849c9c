using System.Text;

namespace KubeEdge.PrePull.Api;

/// <summary>Shortens a text to a cap in UTF-8 bytes (docs/design.md §1 "Limits"): cut at a word boundary, then an ellipsis.</summary>
public static class LimitedText
{
    /// <summary>What ends a shortened text: "…" (3 bytes in UTF-8).</summary>
    public const string Ellipsis = "…";

    // A cut looks back this far for a space; past it, the text is cut mid-word (one very long token).
    private const int WordSearchFraction = 4;

    /// <summary>
    /// Returns <paramref name="text"/> when its UTF-8 form fits in <paramref name="maxBytes"/>; otherwise its longest
    /// start that ends at a word boundary and fits with <see cref="Ellipsis"/> appended.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="maxBytes">The cap, at least the ellipsis' 3 bytes.</param>
    /// <returns>The text, or its shortened form ending with <see cref="Ellipsis"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is less than 3.</exception>
    public static string Truncate(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ellipsisBytes = Encoding.UTF8.GetByteCount(Ellipsis);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, ellipsisBytes);
        if (text.Length <= maxBytes / 3 || Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        // The longest start (whole UTF-16 pairs) that fits beside the ellipsis.
        var budget = maxBytes - ellipsisBytes;
        var end = 0;
        var used = 0;
        while (end < text.Length)
        {
            var width = char.IsHighSurrogate(text[end]) && end + 1 < text.Length ? 2 : 1;
            var bytes = Encoding.UTF8.GetByteCount(text.AsSpan(end, width));
            if (used + bytes > budget)
            {
                break;
            }

            used += bytes;
            end += width;
        }

        var space = text.LastIndexOf(' ', Math.Max(end - 1, 0), end);
        if (end < text.Length && text[end] != ' ' && space > end - (end / WordSearchFraction) && space > 0)
        {
            end = space;
        }

        return text[..end].TrimEnd() + Ellipsis;
    }
}

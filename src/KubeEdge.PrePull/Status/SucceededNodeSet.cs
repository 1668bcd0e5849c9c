using System.IO.Compression;
using System.Text;

namespace KubeEdge.PrePull.Status;

/// <summary>
/// The compact record of a job's successful nodes in <c>status.succeededNodes</c>, kept when the job is too big for
/// <c>nodeStatus</c> to list them, so a resumed job never pulls a successful node again (docs/design.md §4 item 4).
/// The text is <c>base64(gzip(names))</c>, the names sorted by ordinal and separated by <c>\n</c>: sorted names share
/// long prefixes and compress to a few bytes each (1,000 names of <c>edge-node-N</c> take about 3 KB), and an operator
/// reads it with <c>base64 -d | gunzip</c>. A set that does not fit its budget keeps the first names that fit; the
/// rest are pulled again on resume, which is harmless (pulls are idempotent), only slower.
/// </summary>
internal static class SucceededNodeSet
{
    /// <summary>Encodes <paramref name="names"/> within <paramref name="maxChars"/> characters; <see langword="null"/> for none.</summary>
    public static string? Encode(IEnumerable<string> names, int maxChars)
    {
        var sorted = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (sorted.Length == 0 || maxChars <= 0)
        {
            return null;
        }

        var all = Compress(sorted, sorted.Length);
        if (all.Length <= maxChars)
        {
            return all;
        }

        // The most names whose text fits: sizes grow with the count, so search the count.
        string? best = null;
        int low = 1, high = sorted.Length - 1;
        while (low <= high)
        {
            var count = low + ((high - low) / 2);
            var text = Compress(sorted, count);
            if (text.Length <= maxChars)
            {
                best = text;
                low = count + 1;
            }
            else
            {
                high = count - 1;
            }
        }

        return best;
    }

    /// <summary>The names in an encoded set; empty for <see langword="null"/>, empty or unreadable text (never throws).</summary>
    public static IReadOnlySet<string> Decode(string? text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text))
        {
            return names;
        }

        try
        {
            using var compressed = new MemoryStream(Convert.FromBase64String(text));
            using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    names.Add(line);
                }
            }
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            // Written by someone else or damaged: resume as if nothing were recorded (pulls are idempotent).
            names.Clear();
        }

        return names;
    }

    private static string Compress(string[] sorted, int count)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(string.Join('\n', sorted, 0, count)));
        }

        return Convert.ToBase64String(output.GetBuffer(), 0, (int)output.Length);
    }
}

using System.Text;

namespace KubeEdge.PrePull.Credentials.Internal;

/// <summary>
/// The kubelet's <c>decodeDockerConfigFieldAuth</c>: standard base64 of <c>user:pass</c>, padded or unpadded, split
/// at the first colon. Errors are returned as fixed texts: they never echo the field.
/// </summary>
internal static class AuthField
{
    public static string? TryDecode(string field, out string? username, out string? password)
    {
        username = null;
        password = null;

        // Go's decoder skips line breaks only; anything else outside the alphabet is an error.
        var text = field.Contains('\n') || field.Contains('\r') ? field.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal) : field;
        if (text.Contains(' ') || text.Contains('\t') || text.Length % 4 == 1)
        {
            return "is not valid base64";
        }

        var padded = text.EndsWith('=') || text.Length % 4 == 0 ? text : text + new string('=', 4 - (text.Length % 4));
        var bytes = new byte[padded.Length / 4 * 3];
        if (padded.Length % 4 != 0 || !Convert.TryFromBase64String(padded, bytes, out var written))
        {
            return "is not valid base64";
        }

        var decoded = Encoding.UTF8.GetString(bytes, 0, written);
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return "must be formatted as base64(username:password)";
        }

        username = decoded[..colon];
        password = decoded[(colon + 1)..];
        return null;
    }
}

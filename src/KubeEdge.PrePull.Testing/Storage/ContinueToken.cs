using System.Globalization;
using System.Text;

namespace KubeEdge.PrePull.Testing.Storage;

/// <summary>The opaque <c>continue</c> token of a paginated list: the list's resourceVersion and the last key served.</summary>
/// <param name="ResourceVersion">resourceVersion of the first page.</param>
/// <param name="LastKey">The last object key served.</param>
internal sealed record ContinueToken(long ResourceVersion, string LastKey)
{
    /// <summary>Encodes the token.</summary>
    /// <returns>URL-safe text.</returns>
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{ResourceVersion}:{LastKey}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Decodes a token from a request.</summary>
    /// <param name="text">The token.</param>
    /// <returns>The token.</returns>
    /// <exception cref="ApiException">400 when it is not one of ours.</exception>
    public static ContinueToken Decode(string text)
    {
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return new ContinueToken(long.Parse(decoded[..colon], CultureInfo.InvariantCulture), decoded[(colon + 1)..]);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw ApiException.BadRequest($"continue key is not valid: {e.Message}");
        }
    }
}

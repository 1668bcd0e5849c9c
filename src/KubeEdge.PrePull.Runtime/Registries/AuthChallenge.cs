using System.Net.Http.Headers;

namespace KubeEdge.PrePull.Runtime.Registries;

/// <summary>
/// A registry's <c>WWW-Authenticate</c> challenge (docs/design.md §2 "Pinned digests"): <c>Basic</c>, or
/// <c>Bearer</c> with the token endpoint (<c>realm</c>), its <c>service</c> and the <c>scope</c> it asks for.
/// </summary>
/// <param name="Scheme">The scheme, <c>Basic</c> or <c>Bearer</c>.</param>
/// <param name="Parameters">The challenge's parameters, names in lower case.</param>
internal sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => string.Equals(Scheme, "Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => string.Equals(Scheme, "Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>The challenge of a 401 answer, or <see langword="null"/> when it sent none the client understands.</summary>
    public static AuthChallenge? From(HttpResponseHeaders headers)
    {
        foreach (var header in headers.WwwAuthenticate)
        {
            if (string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
            {
                return new AuthChallenge(header.Scheme, ParseParameters(header.Parameter ?? string.Empty));
            }
        }

        return null;
    }

    /// <summary>Parses <c>name="value", name=value</c> pairs; commas inside quotes belong to the value.</summary>
    internal static Dictionary<string, string> ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            var equals = text.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }

            var name = text[i..equals].Trim().ToLowerInvariant();
            i = equals + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                end = end < 0 ? text.Length : end;
                value = text[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var end = text.IndexOf(',', i);
                end = end < 0 ? text.Length : end;
                value = text[i..end].Trim();
                i = end;
            }

            result[name] = value;
        }

        return result;
    }
}

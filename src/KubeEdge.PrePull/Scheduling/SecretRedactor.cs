using System.Text;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>Removes credential values from text that came from a puller (e.g. an exception message) before it is stored.</summary>
internal static class SecretRedactor
{
    public const string Mask = "<redacted>";

    public static string Redact(string text, IReadOnlyList<PullCredential> credentials)
    {
        foreach (var credential in credentials)
        {
            if (credential.Username is not null && credential.Password is not null)
            {
                // The docker config "auth" field (base64 of user:password), before its parts are masked.
                text = Replace(text, Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}")));
            }

            text = Replace(text, credential.Password);
            text = Replace(text, credential.IdentityToken);
            text = Replace(text, credential.RegistryToken);
            text = Replace(text, credential.Username);
        }

        return text;
    }

    private static string Replace(string text, string? secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, Mask, StringComparison.Ordinal);
}

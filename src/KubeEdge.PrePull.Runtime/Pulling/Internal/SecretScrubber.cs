using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Pulling.Internal;

/// <summary>
/// Removes credential values from text a runtime or registry sent back, before it becomes a failure reason. Runtimes
/// do not normally echo secrets, but a reason ends up in status, events and logs, so it is cleaned regardless.
/// </summary>
internal static class SecretScrubber
{
    private const string Mask = "***";

    /// <summary>Replaces every secret value of <paramref name="credentials"/> found in <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="credentials">The credentials whose values must not appear.</param>
    /// <returns>The cleaned text.</returns>
    public static string Scrub(string text, IEnumerable<PullCredential> credentials)
    {
        foreach (var credential in credentials)
        {
            text = Replace(text, credential.Password);
            text = Replace(text, credential.IdentityToken);
            text = Replace(text, credential.RegistryToken);
        }

        return text;
    }

    private static string Replace(string text, string? secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, Mask, StringComparison.Ordinal);
}

using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Credentials.Internal;

/// <summary>One credential of a parsed secret under its registry key.</summary>
/// <param name="Key">The registry key, ready to match.</param>
/// <param name="Credential">The credential (created once, shared by every resolution).</param>
internal sealed record KeyringEntry(RegistryKey Key, PullCredential Credential);

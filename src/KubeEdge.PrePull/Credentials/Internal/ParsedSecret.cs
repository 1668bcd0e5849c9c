namespace KubeEdge.PrePull.Credentials.Internal;

/// <summary>A secret parsed once: its keyring entries and what was wrong with it.</summary>
/// <param name="Reference">The secret, <c>namespace/name</c>.</param>
/// <param name="Entries">The usable credentials, in the order the secret lists them.</param>
/// <param name="Problems">Why the secret or some of its keys were skipped; empty when all is well.</param>
internal sealed record ParsedSecret(string Reference, IReadOnlyList<KeyringEntry> Entries, IReadOnlyList<SecretProblem> Problems);

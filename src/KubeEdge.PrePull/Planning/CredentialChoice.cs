using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Planning;

/// <summary>The credentials to try for one image on one secret set, and what went wrong with those secrets.</summary>
/// <param name="Credentials">The credentials, in the order to try them; empty for an anonymous pull.</param>
/// <param name="Warning">The skipped secrets of the set and why, or <see langword="null"/> when none was skipped.</param>
internal sealed record CredentialChoice(IReadOnlyList<PullCredential> Credentials, string? Warning);

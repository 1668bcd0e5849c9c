using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Credentials;

/// <summary>The outcome of <see cref="CredentialResolver.Resolve(string, IReadOnlyList{string})"/>.</summary>
/// <param name="Credentials">The credentials to try, in order; empty for an anonymous pull.</param>
/// <param name="Problems">The secrets that were skipped in whole or in part, in the order they were referenced.</param>
public sealed record CredentialResolution(IReadOnlyList<PullCredential> Credentials, IReadOnlyList<SecretProblem> Problems);

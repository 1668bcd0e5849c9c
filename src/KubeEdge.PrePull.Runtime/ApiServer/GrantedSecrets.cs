using KubeEdge.PrePull.Credentials;

namespace KubeEdge.PrePull.Runtime.ApiServer;

/// <summary>
/// What <see cref="ClusterSecretReader.ReadGrantedAsync(k8s.IKubernetes, IEnumerable{Credentials.SecretReference}, Credentials.SecretGrant, CancellationToken)"/> found: the granted secrets it read, and the refused ones
/// (docs/design.md §2, "Secret grants"), whose data was never read.
/// </summary>
/// <param name="Secrets">The granted secrets read, in reference order (missing or forbidden ones are left out).</param>
/// <param name="Refused">Why each refused secret was refused, naming the secret and the rule; in reference order.</param>
public sealed record GrantedSecrets(IReadOnlyList<SecretSnapshot> Secrets, IReadOnlyList<SecretProblem> Refused)
{
    /// <summary>A resolver over the granted secrets that reports a refused one with its refusal (not as missing).</summary>
    /// <returns>The resolver, for <see cref="Planning.JobPlanner.Plan(Api.ImagePrePullJob, IReadOnlyList{Planning.NodeSnapshot}, CredentialResolver)"/>.</returns>
    public CredentialResolver ToResolver() => CredentialResolver.Create(Secrets, Refused);

    /// <summary>Whether the problem is a refusal (a <c>SecretNotAllowed</c> warning) rather than a skipped secret.</summary>
    /// <param name="problem">A problem of the plan.</param>
    /// <returns>Whether it is one of <see cref="Refused"/>.</returns>
    public bool IsRefusal(SecretProblem problem) => Refused.Contains(problem);
}

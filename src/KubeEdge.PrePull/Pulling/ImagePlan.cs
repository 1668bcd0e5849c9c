namespace KubeEdge.PrePull.Pulling;

/// <summary>One image of one node's plan.</summary>
/// <param name="Image">The image as written in the spec.</param>
/// <param name="ResolvedImage">The reference to pull after overrides; <see langword="null"/> when <see cref="Error"/> is set.</param>
/// <param name="Credentials">The credentials to try, in order; empty for an anonymous pull.</param>
/// <param name="Error">Why the image cannot be pulled on this node (e.g. an override broke it, naming the rule); <see langword="null"/> when it can.</param>
public sealed record ImagePlan(string Image, string? ResolvedImage, IReadOnlyList<PullCredential> Credentials, string? Error = null)
{
    /// <summary>Problems with the job's secrets that concern this image (a skipped secret), to append to its failure reason.</summary>
    public string? CredentialWarning { get; init; }
}

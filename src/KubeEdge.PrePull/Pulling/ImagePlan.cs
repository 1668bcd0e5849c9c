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

    /// <summary>
    /// Where to pull from when <see cref="ResolvedImage"/> fails with not found, unauthorized or unreachable: the
    /// reference the image would have without the rules that set <c>fallbackToOriginal</c> (docs/design.md §2
    /// "Overrides"); <see langword="null"/> when there is no fallback.
    /// </summary>
    public string? FallbackImage { get; init; }

    /// <summary>The credentials to try for <see cref="FallbackImage"/>, in order; empty for an anonymous pull.</summary>
    public IReadOnlyList<PullCredential> FallbackCredentials { get; init; } = [];
}

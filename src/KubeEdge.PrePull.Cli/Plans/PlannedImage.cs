namespace KubeEdge.PrePull.Cli.Plans;

/// <summary>One image of a plan as the tool shows it: names of secrets only, never their data.</summary>
/// <param name="Image">The image as written in the job.</param>
/// <param name="ResolvedImage">The reference that would be pulled after overrides; <see langword="null"/> on error.</param>
/// <param name="Outcome">How it would be pulled.</param>
/// <param name="Secret">The secret (<c>ns/name</c>) whose credential is tried first; <see langword="null"/> unless <see cref="ImageOutcome.Credential"/>.</param>
/// <param name="CandidateSecrets">Every secret with a matching credential, in the order they are tried, each once.</param>
/// <param name="Error">Why the image cannot be pulled; <see langword="null"/> when it can.</param>
/// <param name="Warning">Secrets of the node that were skipped (missing, wrong type, malformed); <see langword="null"/> when none.</param>
internal sealed record PlannedImage(
    string Image,
    string? ResolvedImage,
    ImageOutcome Outcome,
    string? Secret,
    IReadOnlyList<string> CandidateSecrets,
    string? Error,
    string? Warning)
{
    /// <summary>
    /// What is pulled when <see cref="ResolvedImage"/> is not found, unauthorized or unreachable (a rule with
    /// <c>fallbackToOriginal</c>, docs/design.md §2 "Overrides"); <see langword="null"/> without a fallback.
    /// </summary>
    public string? FallbackImage { get; init; }

    /// <summary>The secret whose credential is tried first for <see cref="FallbackImage"/>; <see langword="null"/> for an anonymous pull or without a fallback.</summary>
    public string? FallbackSecret { get; init; }
}

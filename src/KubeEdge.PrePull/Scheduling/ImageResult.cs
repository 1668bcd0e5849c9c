using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>The result of one image on one node.</summary>
/// <param name="Image">The image as written in the spec.</param>
/// <param name="Succeeded">Whether the image is on the node.</param>
/// <param name="Reason">Why not (the last attempt's reason, plus any credential warning).</param>
/// <param name="ResolvedImage">The reference pulled, after overrides (after a fallback: the reference that served).</param>
/// <param name="ImageRef">The image reference the runtime reports.</param>
/// <param name="Secret">The secret (<c>namespace/name</c>) whose credential pulled it; never secret data.</param>
/// <param name="Attempts">How many pulls were tried (0 when the plan already failed the image).</param>
public sealed record ImageResult(
    string Image,
    bool Succeeded,
    string? Reason,
    string? ResolvedImage,
    string? ImageRef,
    string? Secret,
    int Attempts)
{
    /// <summary>
    /// The overridden reference that failed when the node fell back to the original (docs/design.md §2
    /// "Overrides"); <see langword="null"/> when there was no fallback.
    /// </summary>
    public string? FallbackFrom { get; init; }

    /// <summary>
    /// What kind of failure the last attempt had (<see cref="PullFailureKind.None"/> for a pulled image); a plan that
    /// already failed the image is <see cref="PullFailureKind.InvalidReference"/>. Not part of the status: the
    /// scheduler's circuit breaker reads it (docs/design.md §2 "Execution").
    /// </summary>
    public PullFailureKind FailureKind { get; init; }

    /// <summary>
    /// Whether the image has no result yet and waits for its registry (a pull slot or a 429 back-off, docs/design.md
    /// §2 "Registry budget"); <see cref="Reason"/> says why. Such entries appear only in nodes in flight (or timed
    /// out while waiting) and are written with status <c>Unknown</c>. Default: <see langword="false"/>.
    /// </summary>
    public bool Waiting { get; init; }
}

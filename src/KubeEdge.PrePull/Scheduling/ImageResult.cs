namespace KubeEdge.PrePull.Scheduling;

/// <summary>The result of one image on one node.</summary>
/// <param name="Image">The image as written in the spec.</param>
/// <param name="Succeeded">Whether the image is on the node.</param>
/// <param name="Reason">Why not (the last attempt's reason, plus any credential warning).</param>
/// <param name="ResolvedImage">The reference pulled, after overrides.</param>
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
    /// Whether the image has no result yet and waits for its registry (a pull slot or a 429 back-off, docs/design.md
    /// §2 "Registry budget"); <see cref="Reason"/> says why. Such entries appear only in nodes in flight (or timed
    /// out while waiting) and are written with status <c>Unknown</c>. Default: <see langword="false"/>.
    /// </summary>
    public bool Waiting { get; init; }
}

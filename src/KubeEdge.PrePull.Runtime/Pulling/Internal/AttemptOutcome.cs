using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Pulling.Internal;

/// <summary>The outcome of one pull attempt with one credential (or none).</summary>
/// <param name="Kind"><see cref="PullFailureKind.None"/> on success.</param>
/// <param name="ImageRef">The runtime's image reference, on success.</param>
/// <param name="Detail">What the runtime said, on failure (not yet scrubbed of secrets).</param>
internal readonly record struct AttemptOutcome(PullFailureKind Kind, string? ImageRef, string? Detail)
{
    public static AttemptOutcome Pulled(string imageRef) => new(PullFailureKind.None, imageRef, null);

    public static AttemptOutcome Failed(PullFailureKind kind, string detail) => new(kind, null, detail);
}

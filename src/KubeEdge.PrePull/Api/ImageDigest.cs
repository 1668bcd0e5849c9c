using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api;

/// <summary>
/// NEW: one pinned image of a job with <see cref="ImagePrePullTemplate.PinDigests"/>: the tag's manifest digest when
/// the job started, which every node pulls as <c>repository@digest</c> (docs/design.md §2 "Pinned digests").
/// </summary>
public sealed record ImageDigest
{
    /// <summary>The image as the spec lists it.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    /// <summary>The image after overrides (repository and tag): what the digest was resolved for.</summary>
    [JsonPropertyName("resolvedImage")]
    public string? ResolvedImage { get; set; }

    /// <summary>The manifest digest, <c>algorithm:hex</c> (an index digest for a multi-arch image).</summary>
    [JsonPropertyName("digest")]
    public string? Digest { get; set; }
}

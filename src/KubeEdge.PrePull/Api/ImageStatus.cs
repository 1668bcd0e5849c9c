using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api;

/// <summary>The result of one image on one node.</summary>
public sealed record ImageStatus
{
    /// <summary>The image as written in the spec.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    /// <summary><c>"True"</c> or <c>"False"</c>; see <see cref="ConditionStatuses"/>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Why the pull failed.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>NEW: the reference actually pulled, after overrides.</summary>
    [JsonPropertyName("resolvedImage")]
    public string? ResolvedImage { get; set; }

    /// <summary>
    /// NEW: the overridden reference that failed when the original was pulled instead (<c>fallbackToOriginal</c>);
    /// <see cref="ResolvedImage"/> is then the reference that served.
    /// </summary>
    [JsonPropertyName("fallbackFrom")]
    public string? FallbackFrom { get; set; }

    /// <summary>NEW: the image reference the runtime reports (e.g. <c>sha256:...</c>).</summary>
    [JsonPropertyName("imageRef")]
    public string? ImageRef { get; set; }

    /// <summary>NEW: the secret (<c>namespace/name</c>) whose credential pulled the image; never secret data.</summary>
    [JsonPropertyName("secret")]
    public string? Secret { get; set; }
}

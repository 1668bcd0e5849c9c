using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api;

/// <summary>NEW: one override rule. Every rule whose <see cref="NodeLabel"/> selects a node applies to it, in list order.</summary>
public sealed record ImagePrePullOverrider
{
    /// <summary>A label selector in Kubernetes string syntax (<c>k</c>, <c>!k</c>, <c>k=v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, ...).</summary>
    [JsonPropertyName("nodeLabel")]
    public string? NodeLabel { get; set; }

    /// <summary>
    /// NEW: the images the rule touches: those whose normalized original reference (<c>docker.io/library/nginx:1.27</c>
    /// for <c>nginx:1.27</c>) starts with one of these prefixes. Absent or empty: every image.
    /// </summary>
    [JsonPropertyName("imagePrefixes")]
    public IList<string>? ImagePrefixes { get; set; }

    /// <summary>
    /// NEW: when the rewritten reference fails with not found, unauthorized or unreachable, pull the original
    /// reference with the credentials the original would get. Absent means <see langword="false"/>.
    /// </summary>
    [JsonPropertyName("fallbackToOriginal")]
    public bool? FallbackToOriginal { get; set; }

    /// <summary>What the rule changes on the nodes it selects.</summary>
    [JsonPropertyName("overriders")]
    public Overriders? Overriders { get; set; }
}

using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api;

/// <summary>NEW: the image and secret changes of one override rule.</summary>
public sealed record Overriders
{
    /// <summary>Changes to image references, with Karmada's ImageOverrider semantics.</summary>
    [JsonPropertyName("imageOverriders")]
    public IList<ImageOverrider>? ImageOverriders { get; set; }

    /// <summary>Changes to the node's set of secret references.</summary>
    [JsonPropertyName("secretOverriders")]
    public IList<SecretOverrider>? SecretOverriders { get; set; }
}

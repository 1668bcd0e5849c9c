using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api;

/// <summary>The spec of an ImagePrePullJob.</summary>
public sealed record ImagePrePullJobSpec
{
    /// <summary>What to pull and where (upstream's template, with the enhancement's new fields).</summary>
    [JsonPropertyName("imagePrePullTemplate")]
    public ImagePrePullTemplate? ImagePrePullTemplate { get; set; }

    /// <summary>NEW: per-node overrides of registry and secrets, chosen by node label and applied in order.</summary>
    [JsonPropertyName("imagePrePullOverriders")]
    public IList<ImagePrePullOverrider>? ImagePrePullOverriders { get; set; }

    /// <summary>NEW: when the job ends (<c>Always</c> or <c>Never</c>), its active deadline and how long it is kept once finished.</summary>
    [JsonPropertyName("completionPolicy")]
    public CompletionPolicy? CompletionPolicy { get; set; }
}

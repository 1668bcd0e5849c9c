using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api;

/// <summary>NEW: one change to every image reference of the job (Karmada ImageOverrider semantics).</summary>
public sealed record ImageOverrider
{
    /// <summary><c>Registry</c>, <c>Repository</c> or <c>Tag</c>; see <see cref="ImageComponents"/>.</summary>
    [JsonPropertyName("component")]
    public string? Component { get; set; }

    /// <summary><c>add</c>, <c>remove</c> or <c>replace</c>; see <see cref="OverriderOperators"/>.</summary>
    [JsonPropertyName("operator")]
    public string? Operator { get; set; }

    /// <summary>The value to add or to replace with; ignored by <c>remove</c>.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; set; }
}

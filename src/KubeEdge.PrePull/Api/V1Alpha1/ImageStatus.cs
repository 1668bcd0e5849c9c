using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api.V1Alpha1;

/// <summary>The seed's (v1alpha1) result of one image on one node.</summary>
public sealed record ImageStatus
{
    /// <summary>The image as written in the spec.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    /// <summary><c>Successful</c> or <c>Failed</c>.</summary>
    [JsonPropertyName("state")]
    public string? State { get; set; }

    /// <summary>Why the pull failed.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }
}

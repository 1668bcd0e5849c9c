using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api.V1Alpha1;

/// <summary>The seed's (v1alpha1) per-node status entry, mirrored in <see cref="ImagePrePullJobStatus.Status"/>.</summary>
public sealed record ImagePrePullStatus
{
    /// <summary>The node's task state.</summary>
    [JsonPropertyName("nodeStatus")]
    public TaskStatus? NodeStatus { get; set; }

    /// <summary>The node's image results.</summary>
    [JsonPropertyName("imageStatus")]
    public IList<ImageStatus>? ImageStatus { get; set; }
}

using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api;

/// <summary>The status of one node's task.</summary>
public sealed record ImagePrePullNodeTaskStatus
{
    /// <summary>One entry per finished action (<c>Check</c>, <c>Pull</c>).</summary>
    [JsonPropertyName("actionFlow")]
    public IList<ImagePrePullJobActionStatus>? ActionFlow { get; set; }

    /// <summary>One entry per image of the job, in spec order.</summary>
    [JsonPropertyName("imageStatus")]
    public IList<ImageStatus>? ImageStatus { get; set; }

    /// <summary>The node's name.</summary>
    [JsonPropertyName("nodeName")]
    public string? NodeName { get; set; }

    /// <summary>The node's phase; see <see cref="NodeTaskPhases"/>.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    /// <summary>Why the node is in its phase.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }
}

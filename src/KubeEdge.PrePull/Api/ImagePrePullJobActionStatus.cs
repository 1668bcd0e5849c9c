using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api;

/// <summary>The result of one finished action on a node.</summary>
public sealed record ImagePrePullJobActionStatus
{
    /// <summary><c>Check</c> or <c>Pull</c>; see <see cref="NodeActions"/>.</summary>
    [JsonPropertyName("action")]
    public string? Action { get; set; }

    /// <summary><c>"True"</c> or <c>"False"</c>; see <see cref="ConditionStatuses"/>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Why the action failed.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>When the action finished (RFC 3339, UTC).</summary>
    [JsonPropertyName("time")]
    public string? Time { get; set; }
}

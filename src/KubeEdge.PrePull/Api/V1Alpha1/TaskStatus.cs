using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api.V1Alpha1;

/// <summary>The seed's (v1alpha1) node task state machine record.</summary>
public sealed record TaskStatus
{
    /// <summary>The node's name.</summary>
    [JsonPropertyName("nodeName")]
    public string? NodeName { get; set; }

    /// <summary>The node's state; see <see cref="TaskStates"/>.</summary>
    [JsonPropertyName("state")]
    public string? State { get; set; }

    /// <summary>The last event; see <see cref="TaskEvents"/>.</summary>
    [JsonPropertyName("event")]
    public string? Event { get; set; }

    /// <summary>The last action's result; see <see cref="TaskActions"/>.</summary>
    [JsonPropertyName("action")]
    public string? Action { get; set; }

    /// <summary>Why the node is in its state.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>When the state last changed (RFC 3339).</summary>
    [JsonPropertyName("time")]
    public string? Time { get; set; }
}

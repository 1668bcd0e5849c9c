using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api;

/// <summary>NEW: one override rule. Every rule whose <see cref="NodeLabel"/> selects a node applies to it, in list order.</summary>
public sealed record ImagePrePullOverrider
{
    /// <summary>A label selector in Kubernetes string syntax (<c>k</c>, <c>!k</c>, <c>k=v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, ...).</summary>
    [JsonPropertyName("nodeLabel")]
    public string? NodeLabel { get; set; }

    /// <summary>What the rule changes on the nodes it selects.</summary>
    [JsonPropertyName("overriders")]
    public Overriders? Overriders { get; set; }
}

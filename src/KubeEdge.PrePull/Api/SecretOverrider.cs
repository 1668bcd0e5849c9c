using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Api;

/// <summary>NEW: one change to the node's set of secret references.</summary>
public sealed record SecretOverrider
{
    /// <summary><c>SecretName</c>; see <see cref="SecretComponents"/>.</summary>
    [JsonPropertyName("component")]
    public string? Component { get; set; }

    /// <summary>
    /// <c>replace</c> sets the name of every reference (a <c>ns/name</c> value also sets the namespace), <c>add</c>
    /// adds a reference, <c>remove</c> removes the references with that name.
    /// </summary>
    [JsonPropertyName("operator")]
    public string? Operator { get; set; }

    /// <summary>A secret name, or <c>namespace/name</c>.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; set; }
}

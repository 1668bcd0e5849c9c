using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Runtime.Pulling.Docker;

/// <summary>Bytes done and to do of one layer.</summary>
internal sealed record DockerProgressDetail
{
    [JsonPropertyName("current")]
    public long? Current { get; init; }

    [JsonPropertyName("total")]
    public long? Total { get; init; }
}

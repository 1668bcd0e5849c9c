using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Runtime.Pulling.Docker;

/// <summary>An error inside the progress stream.</summary>
internal sealed record DockerErrorDetail
{
    [JsonPropertyName("code")]
    public int? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}

using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Runtime.Pulling.Docker;

/// <summary>One line of the Engine's JSON progress stream (only the fields this library reads).</summary>
internal sealed record DockerStreamMessage
{
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("progressDetail")]
    public DockerProgressDetail? ProgressDetail { get; init; }

    [JsonPropertyName("errorDetail")]
    public DockerErrorDetail? ErrorDetail { get; init; }

    /// <summary>The legacy error string (deprecated in API 1.48, still sent by older engines).</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <summary>The body of an error response before streaming started.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}

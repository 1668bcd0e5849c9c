using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Runtime.Pulling.Docker;

/// <summary>JSON settings for the Engine API: omit nulls (the Engine's Go structs use <c>omitempty</c>).</summary>
internal static class DockerJson
{
    public static JsonSerializerOptions Options { get; } = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}

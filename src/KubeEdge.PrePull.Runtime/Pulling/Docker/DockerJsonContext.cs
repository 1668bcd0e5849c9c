using System.Text.Json.Serialization;

namespace KubeEdge.PrePull.Runtime.Pulling.Docker;

/// <summary>
/// The Engine API's JSON, source-generated so that the Docker puller works trimmed and Native AOT compiled
/// (docs/design.md §3): nulls are omitted (the Engine's Go structs use <c>omitempty</c>).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DockerStreamMessage))]
[JsonSerializable(typeof(DockerAuthConfig))]
internal sealed partial class DockerJsonContext : JsonSerializerContext;

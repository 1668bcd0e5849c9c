using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KubeEdge.PrePull.Runtime.ApiServer;

/// <summary>
/// Generated JSON metadata for the built-in objects <see cref="RestClusterApi"/> reads, with KubernetesClient's JSON
/// settings (camelCase, nulls omitted, RFC 3339 times), so that they bind without reflection (docs/design.md §3 "The
/// edge agent on a small device").
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters = [typeof(KubernetesJson.Iso8601TimeSpanConverter), typeof(KubernetesJson.KubernetesDateTimeConverter), typeof(KubernetesJson.KubernetesDateTimeOffsetConverter)])]
[JsonSerializable(typeof(V1Node))]
[JsonSerializable(typeof(V1Secret))]
[JsonSerializable(typeof(V1SecretList))]
[JsonSerializable(typeof(V1Status))]
[JsonSerializable(typeof(V1ObjectMeta))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;

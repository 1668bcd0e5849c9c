using System.Text.Json.Serialization;
using k8s;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Serialization.Internal;

/// <summary>
/// Generated JSON metadata for the job the reader binds (docs/design.md §3 "The edge agent on a small device"), with
/// KubernetesClient's JSON settings: camelCase, nulls omitted, and its converters for times (RFC 3339) and durations.
/// Reading a job needs no reflection, so the edge agent reads jobs trimmed and Native AOT compiled; the controller
/// reads them the same way. v1alpha1's per-node list in the status has types named as v1alpha2's, hence the names.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters = [typeof(KubernetesJson.Iso8601TimeSpanConverter), typeof(KubernetesJson.KubernetesDateTimeConverter), typeof(KubernetesJson.KubernetesDateTimeOffsetConverter)])]
[JsonSerializable(typeof(ImagePrePullJob))]
[JsonSerializable(typeof(Api.V1Alpha1.ImageStatus), TypeInfoPropertyName = "V1Alpha1ImageStatus")]
[JsonSerializable(typeof(IList<Api.V1Alpha1.ImageStatus>), TypeInfoPropertyName = "V1Alpha1ImageStatusList")]
internal sealed partial class ImagePrePullJobJsonContext : JsonSerializerContext;

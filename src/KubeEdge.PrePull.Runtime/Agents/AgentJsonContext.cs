using System.Text.Json.Serialization;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// The JSON the agent reads and writes itself, source-generated so that the agent runs trimmed and Native AOT
/// compiled (docs/design.md §3): its entry (the value of its patch) and the job it reads back (whose status also
/// holds v1alpha1's per-node list, named apart from the v1alpha2 types of the same names). Nulls are omitted
/// as <c>KubernetesJson</c> omits them, so the entry written is the same document as before.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImagePrePullNodeTaskStatus))]
[JsonSerializable(typeof(ImagePrePullJob))]
[JsonSerializable(typeof(KubeEdge.PrePull.Api.V1Alpha1.ImageStatus), TypeInfoPropertyName = "V1Alpha1ImageStatus")]
[JsonSerializable(typeof(IList<KubeEdge.PrePull.Api.V1Alpha1.ImageStatus>), TypeInfoPropertyName = "V1Alpha1ImageStatusList")]
internal sealed partial class AgentJsonContext : JsonSerializerContext;

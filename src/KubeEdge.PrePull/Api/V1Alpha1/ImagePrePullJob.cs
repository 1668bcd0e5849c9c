using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KubeEdge.PrePull.Api.V1Alpha1;

/// <summary>
/// An <c>operations.kubeedge.io/v1alpha1</c> ImagePrePullJob. Both versions carry the same (superset) schema, as
/// upstream does, and the CRD converts between them with <c>None</c>: use <see cref="ToV1Alpha2"/> to work with it.
/// </summary>
[KubernetesEntity(Group = ImagePrePullJobNames.Group, ApiVersion = ImagePrePullJobNames.V1Alpha1, Kind = ImagePrePullJobNames.Kind, PluralName = ImagePrePullJobNames.Plural)]
public sealed record ImagePrePullJob : IKubernetesObject<V1ObjectMeta>, ISpec<ImagePrePullJobSpec>, IStatus<ImagePrePullJobStatus?>
{
    /// <summary>The <c>apiVersion</c> this type serializes with by default.</summary>
    public const string KubeApiVersion = ImagePrePullJobNames.GroupVersionV1Alpha1;

    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KubeApiVersion;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = ImagePrePullJobNames.Kind;

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <inheritdoc />
    [JsonPropertyName("spec")]
    public ImagePrePullJobSpec Spec { get; set; } = new();

    /// <inheritdoc />
    [JsonPropertyName("status")]
    public ImagePrePullJobStatus? Status { get; set; }

    /// <summary>The same object as the storage version, as the API server's <c>None</c> conversion would serve it.</summary>
    /// <returns>A v1alpha2 job sharing this job's metadata, spec and status.</returns>
    public Api.ImagePrePullJob ToV1Alpha2() => new()
    {
        Metadata = Metadata,
        Spec = Spec,
        Status = Status,
    };
}

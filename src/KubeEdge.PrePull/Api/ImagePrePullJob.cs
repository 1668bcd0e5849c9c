using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KubeEdge.PrePull.Api;

/// <summary>
/// An <c>operations.kubeedge.io/v1alpha2</c> ImagePrePullJob: pre-pull a list of images onto a set of nodes.
/// This is the storage version; <see cref="V1Alpha1.ImagePrePullJob"/> carries the same schema.
/// </summary>
[KubernetesEntity(Group = ImagePrePullJobNames.Group, ApiVersion = ImagePrePullJobNames.V1Alpha2, Kind = ImagePrePullJobNames.Kind, PluralName = ImagePrePullJobNames.Plural)]
public sealed record ImagePrePullJob : IKubernetesObject<V1ObjectMeta>, ISpec<ImagePrePullJobSpec>, IStatus<ImagePrePullJobStatus?>
{
    /// <summary>The <c>apiVersion</c> this type serializes with by default.</summary>
    public const string KubeApiVersion = ImagePrePullJobNames.GroupVersionV1Alpha2;

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
}

using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Runtime.Tests.Status;

/// <summary>The two-node job the status writer tests write to.</summary>
internal static class StatusWriterJob
{
    public const string Name = "job";

    /// <summary>Creates the job on the server.</summary>
    public static Task CreateAsync(IKubernetes client, CancellationToken cancellationToken) =>
        client.CustomObjects.CreateClusterCustomObjectAsync(
            new ImagePrePullJob
            {
                ApiVersion = ImagePrePullJobNames.GroupVersionV1Alpha2,
                Kind = ImagePrePullJobNames.Kind,
                Metadata = new V1ObjectMeta { Name = Name },
                Spec = new ImagePrePullJobSpec { ImagePrePullTemplate = new ImagePrePullTemplate { Images = ["nginx:1.27"], NodeNames = ["a", "b"] } },
            },
            ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, cancellationToken: cancellationToken);
}

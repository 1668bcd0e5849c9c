using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Runtime.Jobs;

/// <summary>
/// A typed client for ImagePrePullJobs at <c>operations.kubeedge.io/v1alpha2</c> (the storage version), with the
/// same operations at <c>v1alpha1</c> through <see cref="V1Alpha1"/>. Registered by <c>AddImagePrePull()</c> and
/// <c>AddImagePrePullAgent()</c>; without a host, <c>new ImagePrePullJobClient(kubernetes)</c>.
/// </summary>
public interface IImagePrePullJobClient : IImagePrePullJobClient<ImagePrePullJob>
{
    /// <summary>The same operations at <c>operations.kubeedge.io/v1alpha1</c> (same objects: the CRD converts with <c>None</c>).</summary>
    IImagePrePullJobClient<Api.V1Alpha1.ImagePrePullJob> V1Alpha1 { get; }
}

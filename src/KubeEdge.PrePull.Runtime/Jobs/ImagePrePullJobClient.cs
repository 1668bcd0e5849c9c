using k8s;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Runtime.Jobs;

/// <summary>
/// The <see cref="IImagePrePullJobClient"/> over an <see cref="IKubernetes"/> client (any cluster, the embedded
/// test server included).
/// </summary>
public sealed class ImagePrePullJobClient : IImagePrePullJobClient
{
    private readonly JobVersionClient<ImagePrePullJob> _v1Alpha2;

    /// <summary>Creates the client.</summary>
    /// <param name="kubernetes">The API client.</param>
    /// <param name="timeProvider">Clock for the pause between failed watches in <see cref="WaitForCompletionAsync"/>; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="kubernetes"/> is <see langword="null"/>.</exception>
    public ImagePrePullJobClient(IKubernetes kubernetes, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        var time = timeProvider ?? TimeProvider.System;
        _v1Alpha2 = new JobVersionClient<ImagePrePullJob>(kubernetes, time, ImagePrePullJobNames.V1Alpha2);
        V1Alpha1 = new JobVersionClient<Api.V1Alpha1.ImagePrePullJob>(kubernetes, time, ImagePrePullJobNames.V1Alpha1);
    }

    /// <inheritdoc />
    public IImagePrePullJobClient<Api.V1Alpha1.ImagePrePullJob> V1Alpha1 { get; }

    /// <inheritdoc />
    public string ApiVersion => _v1Alpha2.ApiVersion;

    /// <inheritdoc />
    public Task<ImagePrePullJob> CreateAsync(ImagePrePullJob job, CancellationToken cancellationToken = default) => _v1Alpha2.CreateAsync(job, cancellationToken);

    /// <inheritdoc />
    public Task<ImagePrePullJob> CreateFromYamlAsync(string document, CancellationToken cancellationToken = default) => _v1Alpha2.CreateFromYamlAsync(document, cancellationToken);

    /// <inheritdoc />
    public Task<ImagePrePullJob> ApplyAsync(ImagePrePullJob job, CancellationToken cancellationToken = default) => _v1Alpha2.ApplyAsync(job, cancellationToken);

    /// <inheritdoc />
    public Task<ImagePrePullJob> ApplyYamlAsync(string document, CancellationToken cancellationToken = default) => _v1Alpha2.ApplyYamlAsync(document, cancellationToken);

    /// <inheritdoc />
    public Task<ImagePrePullJob?> GetAsync(string name, CancellationToken cancellationToken = default) => _v1Alpha2.GetAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ImagePrePullJob>> ListAsync(string? labelSelector = null, CancellationToken cancellationToken = default) => _v1Alpha2.ListAsync(labelSelector, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<(WatchEventType Type, ImagePrePullJob Job)> WatchAsync(string? name = null, string? resourceVersion = null, CancellationToken cancellationToken = default) =>
        _v1Alpha2.WatchAsync(name, resourceVersion, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default) => _v1Alpha2.DeleteAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task<ImagePrePullJob> WaitForCompletionAsync(string name, IProgress<ImagePrePullJob>? progress = null, CancellationToken cancellationToken = default) =>
        _v1Alpha2.WaitForCompletionAsync(name, progress, cancellationToken);
}

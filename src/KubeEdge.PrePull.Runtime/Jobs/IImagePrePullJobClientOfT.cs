using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Serialization;

namespace KubeEdge.PrePull.Runtime.Jobs;

/// <summary>Create, apply, read, watch, delete and wait for ImagePrePullJobs at one API version.</summary>
/// <typeparam name="TJob">The model of the version (<see cref="ImagePrePullJob"/> or <see cref="Api.V1Alpha1.ImagePrePullJob"/>).</typeparam>
public interface IImagePrePullJobClient<TJob>
    where TJob : class, IKubernetesObject<V1ObjectMeta>, ISpec<ImagePrePullJobSpec>, IStatus<ImagePrePullJobStatus?>
{
    /// <summary>The <c>apiVersion</c> this client reads and writes, e.g. <c>operations.kubeedge.io/v1alpha2</c>.</summary>
    string ApiVersion { get; }

    /// <summary>Creates a job.</summary>
    /// <param name="job">The job (its status is ignored: the controller owns it).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job as the server stored it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="job"/> is <see langword="null"/>.</exception>
    /// <exception cref="HttpOperationException">The server refused it (409 when the name is taken, 422 when invalid).</exception>
    Task<TJob> CreateAsync(TJob job, CancellationToken cancellationToken = default);

    /// <summary>Creates a job from a YAML or JSON document of either API version.</summary>
    /// <param name="document">One ImagePrePullJob document.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job as the server stored it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is <see langword="null"/>.</exception>
    /// <exception cref="ImagePrePullJobFormatException">The document is not one readable ImagePrePullJob; the message names the field.</exception>
    /// <exception cref="HttpOperationException">The server refused it.</exception>
    Task<TJob> CreateFromYamlAsync(string document, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the job, or when one of that name exists makes its spec, labels and annotations those of
    /// <paramref name="job"/> (an update on the latest resourceVersion, retried on conflict), as <c>kubectl apply</c> would.
    /// </summary>
    /// <param name="job">The desired job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job as the server stored it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="job"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="job"/> has no <c>metadata.name</c>.</exception>
    /// <exception cref="HttpOperationException">The server refused it.</exception>
    Task<TJob> ApplyAsync(TJob job, CancellationToken cancellationToken = default);

    /// <summary>Applies a YAML or JSON document of either API version (see <see cref="ApplyAsync"/>).</summary>
    /// <param name="document">One ImagePrePullJob document.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job as the server stored it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is <see langword="null"/>.</exception>
    /// <exception cref="ImagePrePullJobFormatException">The document is not one readable ImagePrePullJob; the message names the field.</exception>
    /// <exception cref="HttpOperationException">The server refused it.</exception>
    Task<TJob> ApplyYamlAsync(string document, CancellationToken cancellationToken = default);

    /// <summary>Reads a job.</summary>
    /// <param name="name">The job's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job, or <see langword="null"/> when there is none of that name.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    Task<TJob?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Lists jobs (every page).</summary>
    /// <param name="labelSelector">A label selector such as <c>team=edge</c>, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The jobs, by name.</returns>
    Task<IReadOnlyList<TJob>> ListAsync(string? labelSelector = null, CancellationToken cancellationToken = default);

    /// <summary>Watches jobs (one job when <paramref name="name"/> is set) until cancelled or the server ends the watch.</summary>
    /// <param name="name">One job's name, or <see langword="null"/> for all.</param>
    /// <param name="resourceVersion">Where to start (e.g. a list's or a read job's resourceVersion); <see langword="null"/> first sends every current job as <c>Added</c>.</param>
    /// <param name="cancellationToken">Ends the watch.</param>
    /// <returns>The changes, in order.</returns>
    /// <exception cref="KubernetesException">The server ended the watch with an error (410 when <paramref name="resourceVersion"/> is too old).</exception>
    IAsyncEnumerable<(WatchEventType Type, TJob Job)> WatchAsync(string? name = null, string? resourceVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Asks the server to delete a job; the controller's finalizer removes its pods first, so it may stay visible a moment.</summary>
    /// <param name="name">The job's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when there was no job of that name.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until a job's phase is <c>Completed</c> or <c>Failure</c>, watching it (and reading it again when a watch
    /// ends), and reports every new state of it to <paramref name="progress"/>, synchronously, before returning.
    /// </summary>
    /// <param name="name">The job's name.</param>
    /// <param name="progress">Called with the job each time the server has a new version of it (first with its current state); may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops waiting (use <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> for a deadline).</param>
    /// <returns>The finished job.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="InvalidOperationException">There is no such job, or it was deleted before it finished.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    Task<TJob> WaitForCompletionAsync(string name, IProgress<TJob>? progress = null, CancellationToken cancellationToken = default);
}

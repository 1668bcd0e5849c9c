namespace KubeEdge.PrePull.Pulling;

/// <summary>
/// A pulling backend: pulls one image on one node and runs a node's check items. Implementations (CRI, Docker,
/// PodApply, the agent dispatcher) live in KubeEdge.PrePull.Runtime; the scheduler only knows this interface.
/// Implementations never throw for a failed pull: they return a failed <see cref="PullResult"/>; an exception is
/// treated by the scheduler as a failed image with the exception's message.
/// </summary>
public interface IImagePuller
{
    /// <summary>The backend's name, for status, logs and metrics (e.g. <c>cri</c>, <c>docker</c>, <c>podapply</c>).</summary>
    string Name { get; }

    /// <summary>The check items (<c>disk</c>, <c>mem</c>, <c>cpu</c>) this backend can check.</summary>
    IReadOnlyCollection<string> SupportedCheckItems { get; }

    /// <summary>Runs the check items of one node.</summary>
    /// <param name="request">The node and its check items.</param>
    /// <param name="cancellationToken">Cancelled when the node times out or the job stops.</param>
    /// <returns>Whether every item passed, and why not.</returns>
    ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken);

    /// <summary>Pulls one image on one node, trying the request's credentials in order.</summary>
    /// <param name="request">The node, the image and its credentials.</param>
    /// <param name="cancellationToken">Cancelled when the node times out or the job stops.</param>
    /// <returns>The image reference the runtime reports, or a failure reason.</returns>
    ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken);
}

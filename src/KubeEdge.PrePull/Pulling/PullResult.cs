namespace KubeEdge.PrePull.Pulling;

/// <summary>The outcome of one pull. Reasons never contain secret data.</summary>
public sealed record PullResult
{
    /// <summary>Whether the image is now present on the node.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>The image reference the runtime reports (e.g. <c>sha256:...</c>), on success.</summary>
    public string? ImageRef { get; init; }

    /// <summary>The secret (<c>namespace/name</c>) whose credential pulled the image; <see langword="null"/> for anonymous.</summary>
    public string? Secret { get; init; }

    /// <summary>Whether the image was already present and not pulled (<c>IfNotPresent</c>).</summary>
    public bool AlreadyPresent { get; init; }

    /// <summary>What kind of failure it was, on failure.</summary>
    public PullFailureKind FailureKind { get; init; }

    /// <summary>Why the pull failed: names the image and says what happened.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// Whether the backend already retried this image itself (an edge agent runs the job's <c>retryTimes</c> on its
    /// node), so the scheduler takes the result as it is and does not retry it again. Default: <see langword="false"/>.
    /// </summary>
    public bool Final { get; init; }

    /// <summary>
    /// The reference that was pulled, when the backend chose it itself (an edge agent that fell back to the
    /// original); <see langword="null"/>: the request's <see cref="PullRequest.ResolvedImage"/>.
    /// </summary>
    public string? ResolvedImage { get; init; }

    /// <summary>The overridden reference that failed before the backend fell back (an edge agent); else <see langword="null"/>.</summary>
    public string? FallbackFrom { get; init; }

    /// <summary>
    /// With <see cref="PullFailureKind.RateLimited"/>: how long the registry asked to wait (its <c>Retry-After</c>), when
    /// the backend can see it; <see langword="null"/> lets the scheduler use its backoff. Default: <see langword="null"/>.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>A success.</summary>
    /// <param name="imageRef">The image reference the runtime reports.</param>
    /// <param name="secret">The secret whose credential pulled it, or <see langword="null"/>.</param>
    /// <param name="alreadyPresent">Whether the image was already present.</param>
    /// <returns>The result.</returns>
    public static PullResult Success(string? imageRef, string? secret = null, bool alreadyPresent = false) =>
        new() { Succeeded = true, ImageRef = imageRef, Secret = secret, AlreadyPresent = alreadyPresent };

    /// <summary>A failure.</summary>
    /// <param name="kind">What kind of failure.</param>
    /// <param name="reason">Why, naming the image; never secret data.</param>
    /// <returns>The result.</returns>
    public static PullResult Failure(PullFailureKind kind, string reason) =>
        new() { Succeeded = false, FailureKind = kind, Reason = reason };
}

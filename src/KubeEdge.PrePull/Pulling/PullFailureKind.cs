namespace KubeEdge.PrePull.Pulling;

/// <summary>What kind of failure a pull had, so users (and retries) can tell them apart.</summary>
public enum PullFailureKind
{
    /// <summary>No failure.</summary>
    None = 0,

    /// <summary>The registry rejected the credentials (401/403).</summary>
    Unauthorized,

    /// <summary>The repository, tag or digest does not exist (404, manifest unknown).</summary>
    NotFound,

    /// <summary>The registry could not be reached (DNS, connection refused, TLS).</summary>
    RegistryUnreachable,

    /// <summary>The container runtime could not be reached.</summary>
    RuntimeUnreachable,

    /// <summary>The node's time ran out.</summary>
    Timeout,

    /// <summary>The job was cancelled.</summary>
    Cancelled,

    /// <summary>The reference is not valid (e.g. an override broke it).</summary>
    InvalidReference,

    /// <summary>Anything else.</summary>
    Other,

    /// <summary>
    /// The registry answered 429 Too Many Requests (<c>toomanyrequests</c>): the scheduler backs that registry off for
    /// every job and tries again after the back-off (docs/design.md §2 "Registry budget").
    /// </summary>
    RateLimited,
}

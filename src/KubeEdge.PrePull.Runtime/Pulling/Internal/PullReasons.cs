using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Pulling.Internal;

/// <summary>
/// The failure reasons users read in status: each names the image and says what happened, in words that tell the
/// kinds of <see cref="PullFailureKind"/> apart.
/// </summary>
internal static class PullReasons
{
    public static string Describe(PullRequest request, PullFailureKind kind, string detail)
    {
        var what = kind switch
        {
            PullFailureKind.Unauthorized => "unauthorized: the registry rejected the credentials",
            PullFailureKind.NotFound => "not found: the registry has no such repository, tag or digest (or denies read access)",
            PullFailureKind.RegistryUnreachable => "registry unreachable",
            PullFailureKind.RuntimeUnreachable => "container runtime unreachable",
            PullFailureKind.Timeout => "timed out",
            PullFailureKind.Cancelled => "cancelled",
            PullFailureKind.InvalidReference => "invalid image reference",
            PullFailureKind.RateLimited => "rate-limited: the registry answered 429 Too Many Requests",
            _ => "failed",
        };
        return $"pulling image {Name(request)}: {what}: {detail}";
    }

    /// <summary>Which credentials were tried, by secret name only.</summary>
    public static string Tried(PullRequest request) => request.Credentials.Count == 0
        ? "anonymous pull (no credential matched the image)"
        : "tried secrets " + string.Join(", ", request.Credentials.Select(c => c.Secret));

    private static string Name(PullRequest request) =>
        string.Equals(request.Image, request.ResolvedImage, StringComparison.Ordinal)
            ? $"\"{request.ResolvedImage}\""
            : $"\"{request.ResolvedImage}\" (\"{request.Image}\" after overrides)";
}

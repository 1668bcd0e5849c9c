using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>Tells apart failures by the kubelet's waiting reason and the runtime's message.</summary>
internal static class PullFailureClassifier
{
    // Checked first: "repository does not exist or may require authorization" is how registries answer an
    // anonymous pull of a private image, so authorization wins over "does not exist".
    private static readonly string[] UnauthorizedMarkers =
        ["unauthorized", "401", "403", "forbidden", "authorization failed", "no basic auth credentials", "access denied", "authentication required", "may require authorization"];

    // Checked before all others: a registry's 429 reaches the kubelet's message as the distribution error code or the
    // status line (docs/design.md §2 "Registry budget").
    private static readonly string[] RateLimitedMarkers = ["toomanyrequests", "429 too many requests", "too many requests"];

    private static readonly string[] NotFoundMarkers =
        ["not found", "notfound", "manifest unknown", "name unknown", "404", "does not exist"];

    private static readonly string[] UnreachableMarkers =
        ["no such host", "connection refused", "i/o timeout", "dial tcp", "x509", "tls:", "network is unreachable"];

    /// <summary>The kind of a failure with the kubelet's <paramref name="reason"/> and <paramref name="message"/>.</summary>
    public static PullFailureKind Classify(string? reason, string? message)
    {
        if (reason == "InvalidImageName")
        {
            return PullFailureKind.InvalidReference;
        }

        var text = message ?? string.Empty;
        return Contains(text, RateLimitedMarkers) ? PullFailureKind.RateLimited
            : Contains(text, UnauthorizedMarkers) ? PullFailureKind.Unauthorized
            : Contains(text, NotFoundMarkers) ? PullFailureKind.NotFound
            : Contains(text, UnreachableMarkers) ? PullFailureKind.RegistryUnreachable
            : PullFailureKind.Other;
    }

    private static bool Contains(string text, string[] markers) =>
        markers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
}

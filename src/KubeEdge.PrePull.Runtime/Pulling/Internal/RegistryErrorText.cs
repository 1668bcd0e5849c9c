using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Pulling.Internal;

/// <summary>
/// Classifies the error text a runtime passes on from a registry. containerd and dockerd report registry failures
/// as free text (containerd's gRPC codes are mostly <c>Unknown</c>), so the words the registry client uses are what
/// tells an authentication failure from a missing tag or a dead registry.
/// </summary>
internal static class RegistryErrorText
{
    // Checked first (docs/design.md §2 "Registry budget"): the distribution error code, and the status line containerd
    // and dockerd quote ("unexpected status code ...: 429 Too Many Requests").
    private static readonly string[] RateLimited = ["toomanyrequests", "429 too many requests", "too many requests"];

    private static readonly string[] Unauthorized =
        ["401 unauthorized", "403 forbidden", "unauthorized", "authentication required", "no basic auth credentials", "access denied", "denied:"];

    private static readonly string[] NotFound =
        ["not found", "manifest unknown", "name unknown", "unknown blob", "blob unknown", "repository does not exist", "no such image"];

    private static readonly string[] Unreachable =
        ["connection refused", "no such host", "i/o timeout", "dial tcp", "connection reset", "network is unreachable",
         "no route to host", "tls:", "x509:", "server misbehaving", "http: server gave http response to https client", "unexpected eof"];

    public static PullFailureKind Classify(string text)
    {
        var lower = text.ToLowerInvariant();
        if (RateLimited.Any(lower.Contains))
        {
            return PullFailureKind.RateLimited;
        }

        if (Unreachable.Any(lower.Contains))
        {
            return PullFailureKind.RegistryUnreachable;
        }

        if (Unauthorized.Any(lower.Contains))
        {
            return PullFailureKind.Unauthorized;
        }

        return NotFound.Any(lower.Contains) ? PullFailureKind.NotFound : PullFailureKind.Other;
    }
}

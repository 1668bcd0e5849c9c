using System.Net;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Internal;

namespace KubeEdge.PrePull.Runtime.Pulling.Docker;

/// <summary>Maps the Engine's pull errors to failure kinds.</summary>
internal static class DockerErrors
{
    /// <summary>An error returned as an HTTP status before the progress stream started.</summary>
    public static AttemptOutcome FromStatus(HttpStatusCode status, string message)
    {
        var kind = RegistryErrorText.Classify(message);
        if (kind == PullFailureKind.Other)
        {
            kind = status switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => PullFailureKind.Unauthorized,
                HttpStatusCode.NotFound => PullFailureKind.NotFound,
                HttpStatusCode.TooManyRequests => PullFailureKind.RateLimited,
                _ => PullFailureKind.Other,
            };
        }

        return AttemptOutcome.Failed(kind, $"{message} (Docker Engine HTTP {(int)status})");
    }

    /// <summary>An <c>errorDetail</c> line inside the progress stream.</summary>
    public static AttemptOutcome FromStream(string message) =>
        AttemptOutcome.Failed(RegistryErrorText.Classify(message), message);
}

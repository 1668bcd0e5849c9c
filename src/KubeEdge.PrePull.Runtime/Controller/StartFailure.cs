using System.Net.Http;
using k8s.Autorest;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>
/// Which exceptions while a job starts fail the job (docs/design.md §2 "Life cycle"). Talking to the API server may
/// fail for a while, and the reconcile loop retries that with its backoff; anything else comes from the job itself (a
/// number the scheduler refuses, a status it cannot resume from) and would fail the same way on every retry, so the job
/// ends <c>Failure</c> with the reason instead of being retried hot.
/// </summary>
internal static class StartFailure
{
    /// <summary>The prefix of <c>status.reason</c> for a job that could not start.</summary>
    public const string ReasonPrefix = "The job could not start: ";

    public static bool IsPermanent(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && exception is not (OperationCanceledException or HttpOperationException or HttpRequestException or IOException or TimeoutException);
}

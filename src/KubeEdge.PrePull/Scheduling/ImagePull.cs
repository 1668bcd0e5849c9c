using System.Runtime.CompilerServices;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// Pulls one image of one node, with retries and backoff; a throwing puller is a failed attempt. An image with a
/// fallback (docs/design.md §2 "Overrides") pulls the fallback reference once the overridden one fails with not
/// found, unauthorized or unreachable.
/// </summary>
internal static class ImagePull
{
    // Pooled: a node that waits for its backend would otherwise allocate this state machine each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<ImageResult> RunAsync(JobExecution job, NodeExecution node, ImagePlan image, CancellationToken cancellationToken)
    {
        if (image.Error is not null || image.ResolvedImage is null)
        {
            return Failed(image, image.Error ?? $"image {image.Image} has no reference to pull", 0, PullFailureKind.InvalidReference);
        }

        var request = new PullRequest(node.NodeName, image.Image, image.ResolvedImage, image.Credentials, job.Settings.PullPolicy);
        string? fallbackFrom = null;
        string? firstReason = null;
        var attempts = 0;
        var wait = false;
        while (true)
        {
            if (wait)
            {
                var delay = RetryBackoff.Delay(attempts, job.Options, job.Random());
                await Task.Delay(delay, job.Time, cancellationToken).ConfigureAwait(false);
            }

            attempts++;
            // Inline rather than a helper method: an awaiting helper would cost one more state machine per pull.
            PullResult result;
            try
            {
                // Under the registry budget when the host has one (docs/design.md §2 "Registry budget").
                result = await RegistryPull.PullAsync(job, node, image, request, cancellationToken).ConfigureAwait(false)
                    ?? PullResult.Failure(PullFailureKind.Other, $"the {job.Puller.Name} backend returned no result for {request.ResolvedImage}");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A backend that throws fails this attempt, never the job.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                var message = SecretRedactor.Redact(ex.Message, request.Credentials);
                result = PullResult.Failure(PullFailureKind.Other, $"failed to pull image {request.ResolvedImage}: {message}");
            }

            if (result.Succeeded)
            {
                // An edge agent reports which reference served and what it fell back from itself.
                var resolved = result.ResolvedImage ?? request.ResolvedImage;
                var from = result.FallbackFrom ?? fallbackFrom;
                // The previous node's equal result when there is one, so the common case allocates nothing.
                return node.PreviousSuccess(image.Image, resolved, result.ImageRef, result.Secret, attempts, from)
                    ?? new ImageResult(image.Image, true, null, resolved, result.ImageRef, result.Secret, attempts) { FallbackFrom = from };
            }

            // The fallback is tried at once (another registry: nothing to back off from) and counts as an attempt:
            // it takes one of the image's retries when one is left, and is made once even when none is.
            if (fallbackFrom is null && !result.Final && image.FallbackImage is { } fallback && FallsBack(result.FailureKind))
            {
                fallbackFrom = request.ResolvedImage;
                firstReason = SecretRedactor.Redact(result.Reason ?? $"failed to pull image {fallbackFrom}", request.Credentials);
                request = request with { ResolvedImage = fallback, Credentials = image.FallbackCredentials };
                wait = false;
                continue;
            }

            // A final result was retried by the backend already (an edge agent): retrying here would multiply the retries.
            if (attempts > job.Settings.RetryTimes || result.Final)
            {
                var reason = SecretRedactor.Redact(result.Reason ?? $"failed to pull image {request.ResolvedImage}", request.Credentials);
                if (fallbackFrom is null)
                {
                    // An edge agent that fell back and failed again says so in its result: keep what it reports.
                    return result.FallbackFrom is null
                        ? Failed(image, reason, attempts, result.FailureKind)
                        : Failed(image, reason, attempts, result.FailureKind, result.ResolvedImage) with { FallbackFrom = result.FallbackFrom };
                }

                // Both credential sets are masked: the text names two pulls.
                reason = SecretRedactor.Redact($"{reason} (fell back from {fallbackFrom}, which failed: {firstReason})", image.Credentials);
                return Failed(image, reason, attempts, result.FailureKind, request.ResolvedImage) with { FallbackFrom = fallbackFrom };
            }

            wait = true;
        }
    }

    /// <summary>
    /// The failures that send a pull to its fallback: the overridden reference is missing, refused or unreachable.
    /// Never a timeout, a cancellation, an unreachable runtime or an invalid reference.
    /// </summary>
    internal static bool FallsBack(PullFailureKind kind) =>
        kind is PullFailureKind.NotFound or PullFailureKind.Unauthorized or PullFailureKind.RegistryUnreachable;

    private static ImageResult Failed(ImagePlan image, string reason, int attempts, PullFailureKind kind, string? resolvedImage = null)
    {
        if (!string.IsNullOrEmpty(image.CredentialWarning))
        {
            reason = $"{reason} ({image.CredentialWarning})";
        }

        return new ImageResult(image.Image, false, reason, resolvedImage ?? image.ResolvedImage, null, null, attempts) { FailureKind = kind };
    }
}

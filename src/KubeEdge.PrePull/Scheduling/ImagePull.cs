using System.Runtime.CompilerServices;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>Pulls one image of one node, with retries and backoff; a throwing puller is a failed attempt.</summary>
internal static class ImagePull
{
    // Pooled: a node that waits for its backend would otherwise allocate this state machine each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<ImageResult> RunAsync(JobExecution job, NodeExecution node, ImagePlan image, CancellationToken cancellationToken)
    {
        if (image.Error is not null || image.ResolvedImage is null)
        {
            return Failed(image, image.Error ?? $"image {image.Image} has no reference to pull", 0);
        }

        var request = new PullRequest(node.NodeName, image.Image, image.ResolvedImage, image.Credentials, job.Settings.PullPolicy);
        var attempts = 0;
        while (true)
        {
            if (attempts > 0)
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
                return new ImageResult(image.Image, true, null, image.ResolvedImage, result.ImageRef, result.Secret, attempts);
            }

            // A final result was retried by the backend already (an edge agent): retrying here would multiply the retries.
            if (attempts > job.Settings.RetryTimes || result.Final)
            {
                return Failed(image, SecretRedactor.Redact(result.Reason ?? $"failed to pull image {image.ResolvedImage}", image.Credentials), attempts);
            }
        }
    }

    private static ImageResult Failed(ImagePlan image, string reason, int attempts)
    {
        if (!string.IsNullOrEmpty(image.CredentialWarning))
        {
            reason = $"{reason} ({image.CredentialWarning})";
        }

        return new ImageResult(image.Image, false, reason, image.ResolvedImage, null, null, attempts);
    }
}

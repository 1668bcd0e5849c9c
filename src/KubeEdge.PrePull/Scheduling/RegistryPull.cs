using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>
/// One pull attempt under the job's <see cref="RegistryBudget"/> (docs/design.md §2 "Registry budget"): a slot of the
/// registry of the reference actually pulled (after overrides and fallback) is taken right before the backend call
/// and given back right after it. An answer of 429 backs the registry off fleet-wide; the image then waits for the
/// back-off and tries again, and that try is not one of the job's <c>retryTimes</c>: the registry did not refuse
/// the image, it refused to serve now. The node's timeout bounds the waiting.
/// </summary>
internal static class RegistryPull
{
    public static ValueTask<PullResult?> PullAsync(JobExecution job, NodeExecution node, ImagePlan image, PullRequest request, CancellationToken cancellationToken)
    {
        if (job.Budget is { } budget)
        {
            return PullUnderBudgetAsync(job, budget, node, image, request, cancellationToken);
        }

        // Without a budget the backend's own task: no state machine of this method per pull.
        return job.Puller.PullAsync(request, cancellationToken)!;
    }

    private static async ValueTask<PullResult?> PullUnderBudgetAsync(JobExecution job, RegistryBudget budget, NodeExecution node, ImagePlan image, PullRequest request, CancellationToken cancellationToken)
    {
        // A backend that pulls on Begin (PodApply) had the slot of the first pull taken before the node began.
        var reserved = node.TakeReservedSlot(request.ResolvedImage);
        var slots = reserved ?? budget.For(request.ResolvedImage);
        while (true)
        {
            if (reserved is null)
            {
                await slots.EnterAsync(node, image, cancellationToken).ConfigureAwait(false);
            }

            reserved = null;
            PullResult? result;
            try
            {
                result = await job.Puller.PullAsync(request, cancellationToken).ConfigureAwait(false);
                if (result is { Succeeded: false, FailureKind: PullFailureKind.RateLimited })
                {
                    // Before the slot goes back, so no waiting image is let through to the registry that just refused.
                    slots.RateLimited(result.RetryAfter);
                }
                else if (result is { Succeeded: true })
                {
                    slots.Succeeded();
                }
            }
            finally
            {
                slots.Exit();
            }

            if (result is not { Succeeded: false, FailureKind: PullFailureKind.RateLimited } || result.Final)
            {
                return result;
            }
        }
    }
}

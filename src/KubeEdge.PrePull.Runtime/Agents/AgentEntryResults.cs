using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// Reads an agent's terminal entry as the scheduler's step results (protocol step 4): the check outcome from the
/// <c>Check</c> action of <c>actionFlow</c>, each image's result from the <c>imageStatus</c> item of the same image.
/// Pull results are final: the agent ran the job's retries itself.
/// </summary>
internal static class AgentEntryResults
{
    public static CheckResult Check(ImagePrePullNodeTaskStatus entry)
    {
        var check = entry.ActionFlow?.FirstOrDefault(a => a.Action == NodeActions.Check);
        if (check is not null)
        {
            return check.Status == ConditionStatuses.True ? CheckResult.Passed : CheckResult.Failed(check.Reason ?? entry.Reason ?? "the check failed on the node");
        }

        // No Check action: the agent stopped before its check (e.g. it could not plan its node), or ran none.
        return entry.Phase == NodeTaskPhases.Successful
            ? CheckResult.Passed
            : CheckResult.Failed(entry.Reason ?? "the edge agent reported a failure without a reason");
    }

    public static PullResult Pull(ImagePrePullNodeTaskStatus entry, string nodeName, string image)
    {
        var item = entry.ImageStatus?.FirstOrDefault(i => i.Image == image);
        if (item is null)
        {
            var reason = entry.Reason ?? $"the edge agent of node {nodeName} reported no result for image {image}";
            return PullResult.Failure(PullFailureKind.Other, reason) with { Final = true };
        }

        // The agent ran the fallback too (docs/design.md §2 "Overrides"): its entry says which reference served.
        var result = item.Status == ConditionStatuses.True
            ? PullResult.Success(item.ImageRef, item.Secret)
            : PullResult.Failure(PullFailureKind.Other, item.Reason ?? $"failed to pull image {item.ResolvedImage ?? image}");
        return result with { Final = true, ResolvedImage = item.ResolvedImage, FallbackFrom = item.FallbackFrom };
    }

    public static JobSummary Summarize(IReadOnlyList<ImagePrePullNodeTaskStatus> entries)
    {
        var summary = new JobSummary();
        foreach (var entry in entries)
        {
            summary.Count(entry.Phase);
        }

        return summary;
    }
}

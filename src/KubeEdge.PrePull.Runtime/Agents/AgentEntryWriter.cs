using System.Net;
using System.Text.Json;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// Writes this node's terminal entry into a job's status with <see cref="AgentEntryPatch"/> on the <c>/status</c>
/// subresource. A failed test (422), a conflict (409), 429, 5xx or no answer: it reads the job again, finds its entry
/// again by node name and tries again, with backoff, a bounded number of times. When the entry is no longer
/// <c>InProgress</c>, or the job finished or is gone, the result is dropped: someone else decided for this node.
/// </summary>
internal sealed class AgentEntryWriter(AgentContext context)
{
    /// <summary>Tries per call; after them the caller keeps the result and tries again later.</summary>
    public const int MaxAttempts = 8;

    private static readonly TimeSpan InitialDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    private static readonly RetryBackoff Backoff = RetryBackoff.EqualJitter(InitialDelay, MaxDelay);

    /// <summary>Writes <paramref name="entry"/> into <paramref name="job"/> (the version the caller saw) or drops it.</summary>
    /// <exception cref="InvalidOperationException">Every attempt failed (the server kept refusing or was unreachable).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<AgentWriteResult> WriteAsync(ImagePrePullJob job, ImagePrePullNodeTaskStatus entry, CancellationToken cancellationToken)
    {
        var name = job.Metadata.Name;
        var uid = job.Metadata.Uid;
        ImagePrePullJob? current = job;
        string last = "no attempt";
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(Backoff.Delay(attempt - 1, Random.Shared.NextDouble()), context.Time, cancellationToken).ConfigureAwait(false);
                try
                {
                    current = await ReadAsync(name, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (ApiErrors.IsTransient(e))
                {
                    last = ApiErrors.Describe(e);
                    Log.WriteRetry(context.Logger, name, context.NodeName, attempt, last);
                    continue;
                }
            }

            var why = WhyNot(current, uid);
            if (why is not null)
            {
                Log.ResultDropped(context.Logger, name, context.NodeName, why);
                return AgentWriteResult.Dropped;
            }

            var patch = AgentEntryPatch.For(AgentEntryPatch.IndexOf(current!, context.NodeName), context.NodeName, entry);
            try
            {
                await context.Api.PatchClusterCustomObjectStatusAsync(
                    patch, ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, name, cancellationToken).ConfigureAwait(false);
                Log.EntryWritten(context.Logger, name, context.NodeName, entry.Phase ?? string.Empty);
                return AgentWriteResult.Written;
            }
            catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.NotFound))
            {
                Log.ResultDropped(context.Logger, name, context.NodeName, "the job was deleted");
                return AgentWriteResult.Dropped;
            }
            catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.UnprocessableEntity) || ApiErrors.Is(e, HttpStatusCode.Conflict) || ApiErrors.IsTransient(e))
            {
                // A failed test: the entries moved or this one changed; the next attempt looks again.
                last = ApiErrors.Describe(e);
                Log.WriteRetry(context.Logger, name, context.NodeName, attempt, last);
            }
        }

        throw new InvalidOperationException($"Writing the entry of node {context.NodeName} into job {name} failed {MaxAttempts} times; last: {last}.");
    }

    /// <summary>Why this node's entry must not be written, or <see langword="null"/> when it still waits for a result.</summary>
    public static string? WhyNot(ImagePrePullJob? job, string? uid, string nodeName)
    {
        if (job is null)
        {
            return "the job was deleted";
        }

        if (!string.Equals(job.Metadata.Uid, uid, StringComparison.Ordinal))
        {
            return "the job was deleted and created again";
        }

        if (job.Metadata.DeletionTimestamp is not null)
        {
            return "the job is being deleted";
        }

        if (job.Status?.Phase != JobPhases.InProgress)
        {
            return $"the job is {job.Status?.Phase ?? "not started"}";
        }

        var entry = AgentEntryPatch.Find(job, nodeName);
        if (entry is null)
        {
            return "the job has no entry for this node";
        }

        return entry.Phase == NodeTaskPhases.InProgress ? null : $"its entry is {entry.Phase ?? "empty"}";
    }

    private string? WhyNot(ImagePrePullJob? job, string? uid) => WhyNot(job, uid, context.NodeName);

    /// <summary>The job as the server has it now, or <see langword="null"/> when it is gone.</summary>
    public async Task<ImagePrePullJob?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var json = await context.Api.GetClusterCustomObjectAsync(
                ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, name, cancellationToken).ConfigureAwait(false);
            // The generated context, not KubernetesJson's reflection (docs/design.md §3).
            return json?.Deserialize(AgentJsonContext.Default.ImagePrePullJob);
        }
        catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.NotFound))
        {
            return null;
        }
    }
}

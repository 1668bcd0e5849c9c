using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.Caching;
using KubeEdge.PrePull.Runtime.Events;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>
/// Reports a job whose JSON does not bind on the job itself (docs/design.md §2, Unreadable jobs): a merge patch of
/// <c>/status</c> with phase <c>Failure</c> and a reason naming the field (raw JSON, so it works whatever the spec
/// holds; node entries already written stay), and one <c>InvalidObject</c> Warning event per fault. A job that
/// already finished keeps its phase and gets the event only. Level-triggered: a status that already carries the
/// reason is left alone, so the controller's own write (a new resourceVersion of the same fault) ends the loop.
/// </summary>
internal sealed class UnreadableJobReporter(JobRunContext context)
{
    /// <summary>How a reason written for an unreadable job starts; a later fault of the same job replaces it.</summary>
    public const string ReasonPrefix = "the object cannot be read: ";

    // The fault each job's event was recorded for, by name; a job that is deleted or readable again is forgotten.
    private readonly ConcurrentDictionary<string, UnreadableObject> _evented = new(StringComparer.Ordinal);

    /// <summary>The <c>status.reason</c> for an unreadable job.</summary>
    public static string ReasonFor(UnreadableObject job) => ReasonPrefix + job.Description;

    /// <summary>The job as far as it reads (metadata only): enough for events, finalizers and a puller's sweep.</summary>
    public static ImagePrePullJob AsJob(UnreadableObject job) => new() { Metadata = job.Metadata };

    /// <summary>Reports the job unless its status already says so; throws on a transient API error (the loop retries).</summary>
    public async Task ReportAsync(UnreadableObject job, CancellationToken cancellationToken)
    {
        var reason = ReasonFor(job);
        var ours = job.Phase == JobPhases.Failure && job.Reason?.StartsWith(ReasonPrefix, StringComparison.Ordinal) == true;
        if (ours && job.Reason == reason)
        {
            // Reported already, by this process or an earlier leader.
            return;
        }

        // A finished job keeps what it achieved; one that never ran, or ran and can no longer be read, fails.
        var finished = job.Phase == JobPhases.Completed || (job.Phase == JobPhases.Failure && !ours);
        if (!finished && !await WriteFailureAsync(job, reason, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (_evented.TryGetValue(job.Name, out var last) && last.SameFault(job))
        {
            return;
        }

        _evented[job.Name] = job;
        var message = $"The job cannot be read, so it is not run: {job.Description}. Fix the field or delete the job.";
        await context.Events.RecordAsync(AsJob(job), EventTypes.Warning, JobEventReasons.InvalidObject, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets a job that is gone or readable again.</summary>
    public void Forget(string name) => _evented.TryRemove(name, out _);

    /// <returns>False when the job is gone.</returns>
    private async Task<bool> WriteFailureAsync(UnreadableObject job, string reason, CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow().UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
        var status = new JsonObject { ["phase"] = JobPhases.Failure, ["reason"] = reason, ["completionTime"] = now };
        if (job.Phase is null)
        {
            // Never started: like a job the validator refuses, it gets both times (§2, Validation).
            status["startTime"] = now;
        }

        var patch = new V1Patch(new JsonObject { ["status"] = status }.ToJsonString(), V1Patch.PatchType.MergePatch);
        try
        {
            await context.Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
                patch, ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, job.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (HttpOperationException e) when (!ApiErrors.IsTransient(e))
        {
            // A server that validates the whole object on a status write may refuse it (e.g. 422): the event still reports it.
            Log.UnreadableStatusRefused(context.Logger, job.Name, ApiErrors.Describe(e));
            return true;
        }

        context.Metrics.JobFinished(JobPhases.Failure);
        Log.JobFinished(context.Logger, job.Name, JobPhases.Failure, reason);
        return true;
    }
}

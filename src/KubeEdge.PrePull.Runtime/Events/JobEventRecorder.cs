using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeEdge.PrePull.Api;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Events;

/// <summary>
/// Records core/v1 Events about jobs. Jobs are cluster-scoped, so the events go to <c>default</c>, where
/// <c>kubectl describe</c> looks for them. A repeat of an event (same job, type, reason and message) is aggregated as
/// the kubelet's recorder does: the first event's <c>count</c> goes up and its <c>lastTimestamp</c> moves, by a patch,
/// instead of a new object per repeat. Messages are cut to <see cref="ImagePrePullJobLimits.MaxEventMessageLength"/>
/// (docs/design.md §1 "Limits", §2 "Events, logs and metrics"). Failing to record is logged, never thrown: events
/// are best effort.
/// </summary>
// A SemaphoreSlim whose AvailableWaitHandle is never read holds nothing to dispose; the recorder lives as long as the host.
#pragma warning disable CA1001
internal sealed class JobEventRecorder(IKubernetes client, TimeProvider time, ILogger logger)
#pragma warning restore CA1001
{
    public const string EventNamespace = "default";
    public const string Component = "kubeedge-prepull-controller";

    private readonly RecentEvents _recent = new();

    // One event write at a time, so that two repeats of one event count 2 and 3, never 2 twice.
    private readonly SemaphoreSlim _writing = new(1, 1);

    public async Task RecordAsync(ImagePrePullJob job, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var name = job.Metadata.Name ?? "job";
        message = LimitedText.Truncate(message, ImagePrePullJobLimits.MaxEventMessageLength);
        var key = new EventKey(job.Metadata.Uid ?? name, type, reason, message);
        try
        {
            await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_recent.TryGet(key, out var eventName, out var count) && await TryCountAsync(eventName, count + 1, now, cancellationToken).ConfigureAwait(false))
                {
                    _recent.Set(key, eventName, count + 1);
                    return;
                }

                var created = await client.CoreV1.CreateNamespacedEventAsync(NewEvent(job, name, type, reason, message, now), EventNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                _recent.Set(key, created.Metadata.Name, 1);
            }
            finally
            {
                _writing.Release();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.EventFailed(logger, reason, name, e);
        }
    }

    /// <summary>Sets an earlier event's count and last time; false when that event is gone (expired or deleted).</summary>
    private async Task<bool> TryCountAsync(string eventName, int count, DateTime now, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["count"] = count,
            ["lastTimestamp"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        try
        {
            await client.CoreV1.PatchNamespacedEventAsync(new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch), eventName, EventNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static Corev1Event NewEvent(ImagePrePullJob job, string name, string type, string reason, string message, DateTime now) => new()
    {
        ApiVersion = "v1",
        Kind = "Event",
        Metadata = new V1ObjectMeta { GenerateName = EventNames.GeneratePrefix(name), NamespaceProperty = EventNamespace },
        InvolvedObject = new V1ObjectReference
        {
            ApiVersion = job.ApiVersion,
            Kind = ImagePrePullJobNames.Kind,
            Name = name,
            Uid = job.Metadata.Uid,
            ResourceVersion = job.Metadata.ResourceVersion,
        },
        Type = type,
        Reason = reason,
        Message = message,
        Count = 1,
        FirstTimestamp = now,
        LastTimestamp = now,
        Source = new V1EventSource { Component = Component },
        ReportingComponent = Component,
    };
}

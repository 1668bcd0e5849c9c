using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Events;

/// <summary>
/// Records core/v1 Events about jobs. Jobs are cluster-scoped, so the events go to <c>default</c>, where
/// <c>kubectl describe</c> looks for them. Failing to record is logged, never thrown: events are best effort.
/// </summary>
internal sealed class JobEventRecorder(IKubernetes client, TimeProvider time, ILogger logger)
{
    public const string EventNamespace = "default";
    public const string Component = "kubeedge-prepull-controller";

    public async Task RecordAsync(ImagePrePullJob job, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var name = job.Metadata.Name ?? "job";
        var ev = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { GenerateName = name + ".", NamespaceProperty = EventNamespace },
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
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(ev, EventNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.EventFailed(logger, reason, name, e);
        }
    }
}

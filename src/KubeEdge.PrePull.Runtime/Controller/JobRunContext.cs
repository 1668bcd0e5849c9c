using k8s;
using KubeEdge.PrePull.Runtime.Events;
using KubeEdge.PrePull.Runtime.Options;
using KubeEdge.PrePull.Runtime.Pulling;
using KubeEdge.PrePull.Runtime.Telemetry;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Selection;
using KubeEdge.PrePull.Status;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>What every job run shares: the client, the backend, the options and the telemetry.</summary>
internal sealed record JobRunContext(
    IKubernetes Client,
    IJobPullerFactory Pullers,
    ImagePrePullOptions Options,
    JobStatusBuilder StatusBuilder,
    SchedulerOptions SchedulerOptions,
    NodeSelectionOptions SelectionOptions,
    JobEventRecorder Events,
    PrePullMetrics Metrics,
    TimeProvider Time,
    ILogger Logger);

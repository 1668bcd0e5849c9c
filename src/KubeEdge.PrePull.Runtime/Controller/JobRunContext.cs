using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Events;
using KubeEdge.PrePull.Runtime.Options;
using KubeEdge.PrePull.Runtime.Pulling;
using KubeEdge.PrePull.Runtime.Status;
using KubeEdge.PrePull.Runtime.Telemetry;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Selection;
using KubeEdge.PrePull.Status;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>
/// What every job run shares: the client, the backend, the options and the telemetry; <c>AgentLabel</c> is the node
/// label of edge agents when the host called <c>AddEdgeAgents</c>.
/// </summary>
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
    ILogger Logger,
    string? AgentLabel = null)
{
    /// <summary>
    /// A writer of one job's status (v1alpha2, the storage version) at the configured flush interval; guarded when
    /// edge agents write the job's status too.
    /// </summary>
    public StatusWriter StatusWriterFor(string jobName, IStatusWriteGuard? guard = null) =>
        new(Client, jobName, ImagePrePullJobNames.V1Alpha2, Options.StatusFlushInterval, Time, Logger, guard);
}

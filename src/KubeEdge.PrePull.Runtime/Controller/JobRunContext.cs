using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Events;
using KubeEdge.PrePull.Runtime.LeaderElection;
using KubeEdge.PrePull.Runtime.Options;
using KubeEdge.PrePull.Runtime.Pulling;
using KubeEdge.PrePull.Runtime.Registries;
using KubeEdge.PrePull.Runtime.Status;
using KubeEdge.PrePull.Runtime.Telemetry;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Selection;
using KubeEdge.PrePull.Status;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>
/// What every job run shares: the client, the backend, the options and the telemetry; <c>AgentLabel</c> is the node
/// label of edge agents when the host called <c>AddEdgeAgents</c>; <c>LoggerFactory</c> gives the parts that log under
/// their own category (caches, Lease elector, status writer, events) their loggers; <c>RegistryBudget</c> is the one
/// budget of pulls per registry all runs share (docs/design.md §2 "Registry budget").
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
    string? AgentLabel = null,
    ILoggerFactory? LoggerFactory = null,
    RegistryBudget? RegistryBudget = null)
{
    /// <summary>
    /// A logger under <paramref name="category"/> (a folder's own, e.g. the caches'), so an operator can turn one part
    /// up without the rest; the controller's <see cref="Logger"/> when the host has no logger factory.
    /// </summary>
    public ILogger LoggerFor(string category) => LoggerFactory?.CreateLogger(category) ?? Logger;

    /// <summary>Resolves the tags of <c>pinDigests</c> jobs (docs/design.md §2 "Pinned digests"); tests may give their own.</summary>
    public DigestPinner DigestPinner { get; init; } = new(new RegistryClient(RegistryHttp.Shared));

    /// <summary>Which secrets jobs may use (docs/design.md §2, "Secret grants"), from the options once.</summary>
    public Credentials.SecretGrant SecretGrant { get; } = Options.SecretGrant();

    /// <summary>
    /// A writer of one job's status (v1alpha2, the storage version) at the configured flush interval; guarded when
    /// edge agents write the job's status too; fenced by the leadership term's <paramref name="fence"/>.
    /// </summary>
    public StatusWriter StatusWriterFor(string jobName, IStatusWriteGuard? guard = null, LeadershipFence? fence = null) =>
        new(Client, jobName, ImagePrePullJobNames.V1Alpha2, Options.StatusFlushInterval, Time, LoggerFor(Status.Log.Category), guard, fence);
}

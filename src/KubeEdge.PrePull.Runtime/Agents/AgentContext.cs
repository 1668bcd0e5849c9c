using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.Pulling;
using KubeEdge.PrePull.Runtime.Telemetry;
using KubeEdge.PrePull.Scheduling;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>What the agent's parts share: its node, its connection to the API server, the node-local puller and the scheduler's options.</summary>
/// <param name="NodeName">The node this agent runs on (validated).</param>
/// <param name="Connection">The API server connection the agent's calls go through.</param>
/// <param name="Pullers">The node-local backend (CRI or Docker).</param>
/// <param name="SchedulerOptions">Image parallelism and check thresholds.</param>
/// <param name="Time">The clock.</param>
/// <param name="Logger">The agent's logger.</param>
/// <param name="Metrics">The node and pull metrics, when the host has an <c>IMeterFactory</c>.</param>
/// <param name="LoggerFactory">Loggers of the parts with their own category (the cache), when the host has one.</param>
/// <param name="SecretGrant">Which secrets jobs may use (docs/design.md §2, "Secret grants"); <see langword="null"/> for the default.</param>
internal sealed record AgentContext(
    string NodeName,
    ClusterConnection Connection,
    IJobPullerFactory Pullers,
    SchedulerOptions SchedulerOptions,
    TimeProvider Time,
    ILogger Logger,
    PrePullMetrics? Metrics = null,
    ILoggerFactory? LoggerFactory = null,
    Credentials.SecretGrant? SecretGrant = null)
{
    /// <summary>Which secrets jobs may use: the options' rule, or the default one.</summary>
    public Credentials.SecretGrant SecretGrant { get; init; } = SecretGrant ?? new ImagePrePullAgentOptions().SecretGrant();

    /// <summary>
    /// The agent's API calls: plain HTTP on <see cref="Connection"/> with generated JSON, never KubernetesClient's
    /// typed operations or its <c>Kubernetes</c> client, so that the agent runs trimmed and Native AOT compiled without
    /// reflection-based JSON or every model's metadata (docs/design.md §3 "The edge agent on a small device").
    /// </summary>
    public IClusterApi Api { get; init; } = new RestClusterApi(Connection);

    /// <summary>A logger under <paramref name="category"/> (e.g. the caches'); the agent's <see cref="Logger"/> when the host has no logger factory.</summary>
    public ILogger LoggerFor(string category) => LoggerFactory?.CreateLogger(category) ?? Logger;
}

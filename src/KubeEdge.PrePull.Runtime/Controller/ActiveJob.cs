using System.Diagnostics;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.Events;
using KubeEdge.PrePull.Runtime.LeaderElection;
using KubeEdge.PrePull.Runtime.Pulling;
using KubeEdge.PrePull.Runtime.Status;
using KubeEdge.PrePull.Runtime.Telemetry;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Status;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>
/// One run of one job: the scheduler with the job's puller, a status writer fed by the run's updates, the final
/// status, events and metrics. Cancelling it (job deleted, leadership lost) stops the scheduler; the puller then
/// ends every open node and is disposed, which removes what it created. Every write is fenced by the leadership term
/// (docs/design.md §3, Fencing): after a loss the run touches nothing and the new leader takes the job over.
/// </summary>
internal sealed class ActiveJob : IAsyncDisposable
{
    private readonly JobRunContext _context;
    private readonly CancellationTokenSource _cancellation;
    private readonly ImagePrePullJob _job;
    private readonly string _spec;
    private readonly AgentDispatcher? _agents;
    private readonly LeadershipFence _fence;
    private readonly Func<string, V1Node?>? _nodes;
    private bool _specChangeReported;

    // What a stop writes: the run's writer and the latest status it knows (the final one once the run has ended).
    private StatusWriter? _writer;
    private Func<ImagePrePullJobStatus>? _known;
    private volatile bool _finalWritten;
    private volatile NodeFollower? _follower;

    // With pinDigests, the job's digests: nodes planned later may add some, which every later write carries.
    private Registries.PinnedDigests? _pins;

    // agents: the job's edge-agent dispatcher when some of its nodes run an agent, else null; fence: the term's.
    // nodes: the term's node cache by name, for pullers that read nodes (docs/design.md §3 "PodApply").
    public ActiveJob(JobRunContext context, ImagePrePullJob job, CancellationToken stopping, AgentDispatcher? agents = null, LeadershipFence? fence = null, Func<string, V1Node?>? nodes = null)
    {
        _nodes = nodes;
        _context = context;
        _fence = fence ?? LeadershipFence.Unelected;
        _agents = agents;
        _job = job;
        _spec = SpecText(job);
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Uid = job.Metadata.Uid;
    }

    public string? Uid { get; }

    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Whether the scheduler accepted the run; a run that failed before is a start failure (docs/design.md §2 "Life cycle").</summary>
    public bool SchedulerStarted { get; private set; }

    public string Name => _job.Metadata.Name;

    /// <summary>
    /// True the first time the spec differs from the one the run started with: the caller then reports the ignored
    /// change once. The spec text is compared rather than metadata.generation, which not every server maintains for
    /// custom resources.
    /// </summary>
    public bool ShouldReportSpecChange(ImagePrePullJob current)
    {
        if (_specChangeReported || SpecText(current) == _spec)
        {
            return false;
        }

        _specChangeReported = true;
        return true;
    }

    /// <summary>The job as the cache has it now: agents' entries in it complete their nodes.</summary>
    public void Observe(ImagePrePullJob current) => _agents?.Observe(current);

    private static string SpecText(ImagePrePullJob job) => k8s.KubernetesJson.Serialize(job.Spec);

    /// <param name="nodes">The job's nodes.</param>
    /// <param name="plans">Their plans; nodes planned later are added to it.</param>
    /// <param name="settings">The job's settings.</param>
    /// <param name="startTime">The job's start time.</param>
    /// <param name="cluster">The cluster's nodes now, for a run that waits for nodes (docs/design.md §2 "Execution"); else <see langword="null"/>.</param>
    public void Start(IReadOnlyList<NodeTaskResult> nodes, JobPlanSource plans, JobSettings settings, DateTimeOffset startTime, Func<IEnumerable<Selection.NodeInfo>>? cluster = null)
    {
        _pins = plans.Pins;
        Completion = RunAsync(nodes, plans, settings, startTime, cluster, _cancellation.Token);
    }

    /// <summary>A node of the cluster changed: a run that waits for nodes takes it into account.</summary>
    public void ObserveNode(Selection.NodeInfo node, bool deleted) => _follower?.Observe(node, deleted);

    public async Task CancelAsync()
    {
        await _cancellation.CancelAsync().ConfigureAwait(false);
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: the run was cancelled.
        }
    }

    /// <summary>
    /// Cancels the run, then, while the term still holds (a graceful stop, not a loss), writes the status the run
    /// knows so the next leader resumes from it; <paramref name="budget"/> (the host's shutdown timeout) bounds the
    /// write. A run whose final status is written already writes nothing more.
    /// </summary>
    public async Task StopAndWriteKnownAsync(CancellationToken budget)
    {
        await CancelAsync().ConfigureAwait(false);
        if (_finalWritten || _writer is not { } writer || _known is not { } known || !_fence.IsHeld)
        {
            return;
        }

        try
        {
            await writer.WriteFinalAsync(known(), budget).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            Log.StopWriteTimedOut(_context.Logger, Name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.StopWriteFailed(_context.Logger, Name, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CancelAsync().ConfigureAwait(false);
        _cancellation.Dispose();
    }

    private async Task RunAsync(IReadOnlyList<NodeTaskResult> nodes, JobPlanSource plan, JobSettings settings, DateTimeOffset startTime, Func<IEnumerable<Selection.NodeInfo>>? cluster, CancellationToken cancellationToken)
    {
        using var activity = PrePullTelemetry.ActivitySource.StartActivity("prepull job " + Name, ActivityKind.Internal);
        activity?.SetTag("kubeedge.prepull.job", Name);
        var inner = _context.Pullers.CreateForJob(_job);
        (inner as ILeaderFencedPuller)?.Fence(_fence);
        if (_nodes is not null)
        {
            (inner as INodeCachedPuller)?.UseNodeCache(_nodes);
        }
        await using var puller = new InstrumentedPuller(_agents is null ? inner : new NodeBackendRouter(_agents, inner), _context.Metrics, _context.Time);
        var writer = _context.StatusWriterFor(Name, _agents, _fence);
        if (_agents is not null)
        {
            _agents.FlushRequested = writer.FlushNow;
        }

        // One budget for every run of the controller (docs/design.md §2 "Registry budget").
        var run = new JobScheduler(puller, _context.SchedulerOptions, _context.Time) { RegistryBudget = _context.RegistryBudget }.Start(nodes, plan, settings, cancellationToken);
        _known = () => Status(JobPhases.InProgress, null, startTime, null, run.GetNodes());
        _writer = writer;
        SchedulerStarted = true;

        using var flushStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Stopping the progress writes lets one already sent finish: aborted on our side, it could still land after
        // the final write and put the job back to InProgress (seen under load).
        var flushing = writer.RunAsync(() => Status(JobPhases.InProgress, null, startTime, null, run.GetNodes()), flushStop.Token, cancellationToken);
        var pumping = PumpAsync(run, writer, cancellationToken);
        var following = Task.CompletedTask;
        if (cluster is not null)
        {
            var follower = new NodeFollower(_context, _job, run, plan, nodes.Select(n => n.NodeName), settings.KeepsRunning);
            _follower = follower;
            following = follower.RunAsync(cluster(), flushStop.Token);
        }

        JobOutcome outcome;
        try
        {
            outcome = await run.Completion.ConfigureAwait(false);
        }
        finally
        {
            _follower = null;
            await flushStop.CancelAsync().ConfigureAwait(false);
            await flushing.ConfigureAwait(false);
            await pumping.ConfigureAwait(false);
            await following.ConfigureAwait(false);
        }

        var completion = _context.Time.GetUtcNow();
        var final = Status(outcome.Phase, outcome.Reason, startTime, completion, outcome.Nodes);
        _known = () => final;

        // Retried until it lands: results dropped here would be pulled again by the next run (docs/design.md §3).
        _finalWritten = await writer.WriteFinalAsync(final, cancellationToken).ConfigureAwait(false);
        if (!_fence.IsHeld)
        {
            // Leadership was lost first: the new leader resumes the job and reports its end.
            return;
        }

        _context.Metrics.JobFinished(outcome.Phase);
        activity?.SetTag("kubeedge.prepull.phase", outcome.Phase);
        Log.JobFinished(_context.Logger, Name, outcome.Phase, outcome.Reason);
        var completed = outcome.Phase == JobPhases.Completed;
        var summary = Describe(JobStatusBuilder.Summarize(outcome.Nodes));
        await _context.Events.RecordAsync(
            _job,
            completed ? EventTypes.Normal : EventTypes.Warning,
            completed ? JobEventReasons.Completed : JobEventReasons.Failed,
            completed ? "The job completed: " + summary : $"The job failed: {outcome.Reason} ({summary})",
            CancellationToken.None).ConfigureAwait(false);
    }

    private async Task PumpAsync(JobRun run, StatusWriter writer, CancellationToken cancellationToken)
    {
        // One span per node, from dispatch to its end; tags are names and phases only.
        var spans = new Dictionary<string, Activity>(StringComparer.Ordinal);
        try
        {
            await foreach (var update in run.Updates.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var previous = Activity.Current;
                // HasListeners first: without a listener no span starts, and the node's snapshot and the span's name
                // are not built for nothing (once per node).
                if (update.Kind == NodeUpdateKind.Dispatched
                    && PrePullTelemetry.ActivitySource.HasListeners()
                    && PrePullTelemetry.ActivitySource.StartActivity("prepull node " + update.Node.NodeName) is { } span)
                {
                    // Siblings under the job's span, not nested in each other.
                    Activity.Current = previous;
                    span.SetTag("kubeedge.prepull.job", Name);
                    span.SetTag("kubeedge.prepull.node", update.Node.NodeName);
                    spans[update.Node.NodeName] = span;
                }

                if (update.Kind == NodeUpdateKind.NotStarted && spans.Remove(update.Node.NodeName, out var waiting))
                {
                    // Went offline and waits for Ready again (docs/design.md §2 "Execution"): a new span when it is dispatched again.
                    waiting.SetTag("kubeedge.prepull.phase", update.Node.Phase);
                    waiting.Dispose();
                }

                if (update.Kind == NodeUpdateKind.Finished)
                {
                    _context.Metrics.NodeFinished(update.Node.Phase);
                    Log.NodeFinished(_context.Logger, Name, update.Node.NodeName, update.Node.Phase);
                    if (spans.Remove(update.Node.NodeName, out var ended))
                    {
                        ended.SetTag("kubeedge.prepull.phase", update.Node.Phase);
                        ended.Dispose();
                    }
                }

                writer.MarkDirty();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Deleted or stopping.
        }
        finally
        {
            foreach (var span in spans.Values)
            {
                span.Dispose();
            }
        }
    }

    private ImagePrePullJobStatus Status(string phase, string? reason, DateTimeOffset startTime, DateTimeOffset? completion, IReadOnlyList<NodeTaskResult> nodes)
    {
        var status = _context.StatusBuilder.Build(phase, reason, startTime, completion, nodes);
        if (_pins is { } pins)
        {
            // docs/design.md §2 "Pinned digests": the digests of the start plus those resolved for nodes planned later.
            status.ImageDigests = [.. pins.Records];
        }

        return _agents is null ? status : AgentJobStatus.EveryNode(status, nodes);
    }

    private static string Describe(JobSummary s) =>
        $"{s.Successful} of {s.Total} nodes successful, {s.Failed + s.Unknown} failed";
}

using System.Collections.Concurrent;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Labels;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.Caching;
using KubeEdge.PrePull.Runtime.Events;
using KubeEdge.PrePull.Runtime.LeaderElection;
using KubeEdge.PrePull.Runtime.Pulling;
using KubeEdge.PrePull.Runtime.Reconciling;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Selection;
using KubeEdge.PrePull.Status;
using KubeEdge.PrePull.Validation;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>
/// Level-triggered reconcile of one job: it looks at the job as the cache has it now and does what is missing
/// (finalizer, validation, start or resume, cleanup after delete), never what an event said happened. Called for one
/// key at a time by the controller's reconcile loop; the runs it starts go on in the background.
/// </summary>
internal sealed partial class JobReconciler : IReconciler
{
    private readonly JobRunContext _context;
    private readonly ListWatchCache<ImagePrePullJob> _jobs;
    private readonly ListWatchCache<V1Node> _nodes;
    private readonly CancellationToken _leading;
    private readonly LeadershipFence _fence;
    private readonly ConcurrentDictionary<string, ActiveJob> _active = new(StringComparer.Ordinal);

    // Jobs this process finished, by name -> uid: the final status write may not be in the cache yet, and a job
    // that still looks InProgress there must not be resumed.
    private readonly ConcurrentDictionary<string, string?> _finished = new(StringComparer.Ordinal);
    private readonly UnreadableJobReporter _unreadable;

    // fence: the leadership term's; every write of this reconciler and its runs is checked against it first.
    public JobReconciler(JobRunContext context, ListWatchCache<ImagePrePullJob> jobs, ListWatchCache<V1Node> nodes, CancellationToken leading, LeadershipFence? fence = null)
    {
        _fence = fence ?? LeadershipFence.Unelected;
        _context = context;
        _jobs = jobs;
        _nodes = nodes;
        _leading = leading;
        _unreadable = new UnreadableJobReporter(context);
    }

    /// <summary>
    /// Raised with the job's name when a run failed by itself (not cancelled), e.g. its final status write was
    /// refused: the controller reconciles it again after a delay, and the resumed run finds the finished nodes.
    /// </summary>
    public event Action<string>? RunFailed;

    /// <summary>
    /// Raised with the job's name when a run ended by itself: the update of its final write may have come while the
    /// run was still registered, and a finished job has more to do (rerun, TTL; docs/design.md §2 "Life cycle").
    /// </summary>
    public event Action<string>? RunEnded;

    /// <inheritdoc/>
    public async Task<ReconcileResult> ReconcileAsync(string name, CancellationToken cancellationToken)
    {
        if (!_fence.IsHeld)
        {
            // This replica no longer leads (docs/design.md §3, Fencing): the new leader reconciles the job.
            return ReconcileResult.Done;
        }

        if (!_jobs.TryGet(name, out var job))
        {
            // Gone without our finalizer (e.g. removed by hand), or unreadable: stop whatever still runs; disposing the run cleans up.
            _finished.TryRemove(name, out _);
            Forget(name);
            await StopAsync(name).ConfigureAwait(false);
            if (_jobs.TryGetUnreadable(name, out var unreadable))
            {
                // docs/design.md §2, Unreadable jobs: never run, reported on the job, a deletion still finalized.
                await (unreadable.Metadata.DeletionTimestamp is null
                    ? _unreadable.ReportAsync(unreadable, cancellationToken)
                    : FinalizeAsync(UnreadableJobReporter.AsJob(unreadable), cancellationToken)).ConfigureAwait(false);
                return ReconcileResult.Done;
            }

            _unreadable.Forget(name);
            return ReconcileResult.Done;
        }

        _unreadable.Forget(name);

        if (job.Metadata.DeletionTimestamp is not null)
        {
            await FinalizeAsync(job, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        if (_active.TryGetValue(name, out var active))
        {
            if (active.Uid == job.Metadata.Uid)
            {
                // Edge agents report by writing their entries: every change of the job reaches the run's dispatcher.
                // A finished version is older than a rerun's first write (a stale cache): its entries are not news.
                if (job.Status?.Phase is not (JobPhases.Completed or JobPhases.Failure))
                {
                    active.Observe(job);
                }

                if (active.ShouldReportSpecChange(job))
                {
                    Log.SpecChangeIgnored(_context.Logger, name);
                    await RecordAsync(job, EventTypes.Normal, JobEventReasons.SpecChangeIgnored,
                        "The spec changed after the job started; the change is ignored. Delete and re-create the job to run the new spec.", cancellationToken).ConfigureAwait(false);
                }

                return ReconcileResult.Done;
            }

            // Deleted and re-created under the same name while the old run was still going.
            await StopAsync(name).ConfigureAwait(false);
        }

        if (!JobFinalizer.IsOn(job) && _fence.IsHeld)
        {
            // The resulting update event brings the job back here with the finalizer on.
            await JobFinalizer.AddAsync(_context.Client, job, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        if (job.Status?.Phase is JobPhases.Completed or JobPhases.Failure
            || (_finished.TryGetValue(name, out var finishedUid) && finishedUid == job.Metadata.Uid))
        {
            // Rerun, TTL (docs/design.md §2 "Life cycle"); never run again otherwise.
            return await FinishedAsync(job, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await StartAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StartFailure.IsPermanent(e, cancellationToken))
        {
            await FailToStartAsync(job, e, cancellationToken).ConfigureAwait(false);
        }

        return ReconcileResult.Done;
    }

    /// <summary>
    /// Cancels every run (leadership lost or host stopping) without touching finalizers. While the term still holds
    /// (a graceful stop), each run then writes the status it knows, until <paramref name="budget"/> runs out; after a
    /// loss nothing is written (docs/design.md §3, Fencing).
    /// </summary>
    public async Task StopAllAsync(CancellationToken budget = default)
    {
        var stops = new List<Task>();
        foreach (var name in _active.Keys.ToArray())
        {
            if (_active.TryRemove(name, out var active))
            {
                stops.Add(StopAndWriteAsync(active, budget));
            }
        }

        await Task.WhenAll(stops).ConfigureAwait(false);
    }

    private static async Task StopAndWriteAsync(ActiveJob active, CancellationToken budget)
    {
        await using (active.ConfigureAwait(false))
        {
            await active.StopAndWriteKnownAsync(budget).ConfigureAwait(false);
        }
    }

    // rerun: the value of the rerun annotation when this starts a rerun of a finished job, else null.
    private async Task StartAsync(ImagePrePullJob job, CancellationToken cancellationToken, string? rerun = null)
    {
        var name = job.Metadata.Name;
        var now = _context.Time.GetUtcNow();
        var problems = ImagePrePullJobValidator.Validate(job);
        if (problems.Count > 0 && rerun is not null)
        {
            await RefuseRerunAsync(job, rerun, ImagePrePullJobValidator.Describe(problems), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (problems.Count > 0)
        {
            var reason = ImagePrePullJobValidator.Describe(problems);
            if (job.Spec?.ImagePrePullTemplate is { } invalid && NodeSelector.CheckNodeDefinition(invalid) is { } upstream)
            {
                // Upstream's words first, for tooling that matches its status.reason; the problems with their paths follow (docs/design.md §2 "Validation").
                reason = upstream + "; " + reason;
            }

            Log.JobInvalid(_context.Logger, name, reason);
            await FailAsync(job, reason, now, cancellationToken).ConfigureAwait(false);
            return;
        }

        var template = ImagePrePullJobDefaults.Apply(job.Spec.ImagePrePullTemplate!);
        var resuming = rerun is null && job.Status?.Phase == JobPhases.InProgress;

        // A rerun starts a new run: its active deadline counts from now (docs/design.md §2 "Life cycle").
        var startTime = resuming ? job.Status!.StartTime ?? now : now;
        var policy = job.Spec.CompletionPolicy is { } written ? ImagePrePullJobDefaults.Apply(written) : null;
        var settings = JobSettings.FromTemplate(template).WithCompletionPolicy(policy, startTime);

        // One read of the node cache serves both selection and planning.
        var cluster = _nodes.List().Select(NodeInfo.FromV1).ToDictionary(n => n.Name, StringComparer.Ordinal);
        var selection = Select(template, cluster.Values);
        if (selection.Failed && rerun is not null)
        {
            await RefuseRerunAsync(job, rerun, selection.Error!, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (selection.Failed && !(settings.KeepsRunning && selection.Error == NodeSelectionReasons.NoNodesMatched))
        {
            await FailAsync(job, selection.Error!, now, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A waiting job (docs/design.md §2 "Execution") keeps its NotReady nodes, and a Never job its missing ones, as
        // nodes that wait for Ready instead of failing them at selection.
        var waiting = NodeWaiting.WaitingNodes(selection, policy);
        if (waiting.Count > 0)
        {
            selection = selection with { Nodes = [.. selection.Nodes.Select(n => waiting.Contains(n.Name) ? n with { Reason = null } : n)] };
        }

        var snapshots = selection.Nodes
            .Where(n => n.IsValid && cluster.ContainsKey(n.Name))
            .Select(n => NodeSnapshot.From(cluster[n.Name]))
            .ToList();
        // Only granted secrets are read; a refused one is planned as missing, with its refusal as the reason (§2, "Secret grants").
        var secrets = await ClusterSecretReader.ReadGrantedAsync(_context.Client, JobPlanner.SecretsNeeded(job, snapshots), _context.SecretGrant, cancellationToken).ConfigureAwait(false);
        var plan = JobPlanner.Plan(job, snapshots, secrets.ToResolver());

        // Each tag resolved once, before any node pulls; a resumed job (or a rerun) reuses the digests it recorded
        // (docs/design.md §2 "Pinned digests").
        var pins = template.PinDigests == true ? await _context.DigestPinner.PinAsync(job, plan, cancellationToken).ConfigureAwait(false) : null;
        var nodes = rerun is not null ? JobNodes.Rerun(selection, job.Status)
            : resuming ? JobNodes.Resume(selection, job.Status)
            : JobNodes.FromSelection(selection);
        if (waiting.Count > 0)
        {
            nodes = [.. nodes.Select(n => !n.IsTerminal && waiting.Contains(n.NodeName) ? NodeTaskResult.Pending(n.NodeName) with { Reason = SchedulerReasons.WaitingForReady } : n)];
        }

        // InProgress goes out before the first dispatch, so kubectl shows the job running at once.
        var agents = AgentsFor(rerun is null ? job : WithoutRerunEntries(job, nodes), selection, cluster);
        var initial = _context.StatusBuilder.Build(JobPhases.InProgress, null, startTime, null, nodes);
        if (agents is not null)
        {
            initial = AgentJobStatus.EveryNode(initial, nodes);
        }

        // The rerun value this run answers (or, for a new job, the one it was created with): each value acts once.
        // A resumed run leaves the recorded value as it is (a merge patch keeps a field it does not name).
        initial.ObservedRerun = rerun ?? (resuming ? null : RerunValue(job));
        initial.ImageDigests = pins is null ? null : [.. pins.Records];
        if (rerun is not null)
        {
            // The run of the first term is over; this one is reconciled (and resumed) as any run.
            _finished.TryRemove(name, out _);
        }

        if (!await _context.StatusWriterFor(name, agents, _fence).WriteAsync(initial, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (rerun is not null)
        {
            _reruns[name] = (job.Metadata.Uid, rerun);
        }

        foreach (var problem in plan.SecretProblems)
        {
            var refused = secrets.IsRefusal(problem);
            Log.SecretSkipped(_context.Logger, name, problem.ToString());
            await RecordAsync(job, EventTypes.Warning, refused ? JobEventReasons.SecretNotAllowed : JobEventReasons.SecretSkipped, problem.ToString(), cancellationToken).ConfigureAwait(false);
        }

        if (rerun is not null)
        {
            // Nodes rejected at selection fail again at once: they are neither run nor kept.
            var kept = nodes.Count(n => n.Phase == NodeTaskPhases.Successful);
            var running = nodes.Count(n => !n.IsTerminal);
            Log.JobRerun(_context.Logger, name, running, kept);
            await RecordAsync(job, EventTypes.Normal, JobEventReasons.Rerun,
                $"Rerun on {running} of {nodes.Count} nodes ({kept} successful kept)", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var resumed = resuming ? FinishedBefore(selection, nodes) : 0;
            Log.JobStarted(_context.Logger, name, nodes.Count, resumed);
            await RecordAsync(job, EventTypes.Normal, JobEventReasons.Started,
                resuming ? $"Resumed on {nodes.Count} nodes ({resumed} already finished)" : $"Started on {nodes.Count} nodes",
                cancellationToken).ConfigureAwait(false);
        }

        var active = new ActiveJob(_context, job, _leading, agents, _fence, CachedNode);
        _active[name] = active;
        active.Start(nodes, new JobPlanSource(plan, pins), settings, startTime, settings.WaitsForNodes ? () => _nodes.List().Select(NodeInfo.FromV1) : null);
        _ = active.Completion.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    _finished[name] = active.Uid;
                }

                _active.TryRemove(new KeyValuePair<string, ActiveJob>(name, active));
                if (t.IsCompletedSuccessfully)
                {
                    RunEnded?.Invoke(name);
                }

                if (t.IsFaulted && !active.SchedulerStarted && StartFailure.IsPermanent(t.Exception.GetBaseException(), _leading))
                {
                    // Refused before its first dispatch: retrying would fail the same way (docs/design.md §2 "Life cycle").
                    // Finished from now on, so the InProgress write's own event does not start it again meanwhile.
                    _finished[name] = active.Uid;
                    _ = FailToStartInBackgroundAsync(job, t.Exception.GetBaseException(), nodes);
                }
                else if (t.IsFaulted)
                {
                    Log.ReconcileFailed(_context.Logger, name, t.Exception.GetBaseException());
                    RunFailed?.Invoke(name);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// The nodes a resumed run takes over finished from the status: terminal and still valid in the selection. A node
    /// selection rejects (NotReady, unknown) is failed again by this run, not resumed (docs/design.md §2, "Life cycle").
    /// </summary>
    private static int FinishedBefore(NodeSelection selection, IReadOnlyList<NodeTaskResult> nodes)
    {
        var valid = selection.Nodes.Where(n => n.IsValid).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        return nodes.Count(n => n.IsTerminal && valid.Contains(n.NodeName));
    }

    /// <summary>
    /// A node of the cluster changed: every run that waits for nodes hears of it (docs/design.md §2 "Execution").
    /// Called by the node cache's pump, one change at a time.
    /// </summary>
    public void NodeChanged(CacheEvent<V1Node> change)
    {
        if (change.Object is not { } node || _active.IsEmpty)
        {
            return;
        }

        NodeInfo info;
        try
        {
            info = NodeInfo.FromV1(node);
        }
        catch (ArgumentException)
        {
            // A node without a name: nothing can wait for it.
            return;
        }

        foreach (var active in _active.Values)
        {
            active.ObserveNode(info, change.Type == CacheEventType.Deleted);
        }
    }

    /// <summary>
    /// The job's agent dispatcher when the host dispatches to edge agents and some selected node carries their label;
    /// it starts from the job as the cache has it (the version the first write is based on).
    /// </summary>
    private AgentDispatcher? AgentsFor(ImagePrePullJob job, NodeSelection selection, Dictionary<string, NodeInfo> cluster)
    {
        if (_context.AgentLabel is not { } label)
        {
            return null;
        }

        var agentNodes = selection.Nodes
            .Where(n => n.IsValid && cluster.TryGetValue(n.Name, out var node) && node.Labels.ContainsKey(label))
            .Select(n => n.Name)
            .ToHashSet(StringComparer.Ordinal);
        if (agentNodes.Count == 0)
        {
            return null;
        }

        Log.AgentMode(_context.Logger, job.Metadata.Name, agentNodes.Count, selection.Nodes.Count, label);
        var agents = new AgentDispatcher(job.Metadata.Name, agentNodes, _context.Logger);
        agents.Observe(job);
        return agents;
    }

    private NodeSelection Select(ImagePrePullTemplate template, IEnumerable<NodeInfo> nodes)
    {
        Func<IReadOnlyDictionary<string, string>, bool>? matches = null;
        if (template.LabelSelector is { } v1)
        {
            // The validator has accepted the selector, so it compiles.
            matches = LabelSelector.FromV1(v1).Matches;
        }

        return NodeSelector.Select(template, nodes, matches, _context.SelectionOptions);
    }

    // nodes: the run's nodes when its InProgress write already went out, else none.
    private async Task FailAsync(ImagePrePullJob job, string reason, DateTimeOffset now, CancellationToken cancellationToken, IReadOnlyList<NodeTaskResult>? nodes = null)
    {
        // A run that could not start after its first write keeps what its nodes had already finished (a rerun's
        // successful nodes, a resumed run's finished ones); the others fail with the job's reason, so no node the
        // status listed goes missing (docs/design.md §2 "Life cycle").
        IReadOnlyList<NodeTaskResult> entries = nodes is null ? [] : [.. nodes.Select(n => n.IsTerminal ? n : NodeTaskResult.Failed(n.NodeName, reason))];
        var status = _context.StatusBuilder.Build(JobPhases.Failure, reason, now, now, entries);
        if (await _context.StatusWriterFor(job.Metadata.Name, fence: _fence).WriteAsync(status, cancellationToken).ConfigureAwait(false))
        {
            _finished[job.Metadata.Name] = job.Metadata.Uid;
            _context.Metrics.JobFinished(JobPhases.Failure);
            Log.JobFinished(_context.Logger, job.Metadata.Name, JobPhases.Failure, reason);
            await RecordAsync(job, EventTypes.Warning, JobEventReasons.Failed, "The job failed: " + reason, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records an event unless the term is over (docs/design.md §3, Fencing).</summary>
    private Task RecordAsync(ImagePrePullJob job, string type, string reason, string message, CancellationToken cancellationToken) =>
        _fence.IsHeld ? _context.Events.RecordAsync(job, type, reason, message, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// A job that could not start (an exception that is not the API server's, docs/design.md §2 "Life cycle") ends
    /// <c>Failure</c> with the reason, once, instead of being retried hot.
    /// </summary>
    private async Task FailToStartAsync(ImagePrePullJob job, Exception error, CancellationToken cancellationToken, IReadOnlyList<NodeTaskResult>? nodes = null)
    {
        Log.JobStartFailed(_context.Logger, job.Metadata.Name, error);
        await FailAsync(job, StartFailure.ReasonPrefix + error.Message, _context.Time.GetUtcNow(), cancellationToken, nodes).ConfigureAwait(false);
    }

    private async Task FailToStartInBackgroundAsync(ImagePrePullJob job, Exception error, IReadOnlyList<NodeTaskResult> nodes)
    {
        try
        {
            await FailToStartAsync(job, error, _leading, nodes).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_leading.IsCancellationRequested)
        {
            // The Failure status did not land: reconcile again after the delay, as for any failed run.
            _finished.TryRemove(job.Metadata.Name, out _);
            Log.ReconcileFailed(_context.Logger, job.Metadata.Name, e);
            RunFailed?.Invoke(job.Metadata.Name);
        }
    }

    /// <summary>Deleted with our finalizer on: cancel the run (its puller removes pods and secret copies), then let go.</summary>
    private async Task FinalizeAsync(ImagePrePullJob job, CancellationToken cancellationToken)
    {
        var name = job.Metadata.Name;
        if (!JobFinalizer.IsOn(job))
        {
            await StopAsync(name).ConfigureAwait(false);
            return;
        }

        Log.JobDeleted(_context.Logger, name);
        if (!await StopAsync(name).ConfigureAwait(false))
        {
            // No run here (e.g. deleted while the controller was down): a fresh puller sweeps what an earlier process left.
            var puller = _context.Pullers.CreateForJob(job);
            (puller as ILeaderFencedPuller)?.Fence(_fence);
            await PullerDisposal.DisposeAsync(puller).ConfigureAwait(false);
        }

        _finished.TryRemove(name, out _);
        if (!_fence.IsHeld)
        {
            return;
        }

        await JobFinalizer.RemoveAsync(_context.Client, job, cancellationToken).ConfigureAwait(false);
    }

    /// <returns>Whether a run was stopped.</returns>
    private async Task<bool> StopAsync(string name)
    {
        if (!_active.TryRemove(name, out var active))
        {
            return false;
        }

        await active.DisposeAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>The node cache's node of <paramref name="name"/>, for pullers that check node conditions (docs/design.md §3 "PodApply").</summary>
    private V1Node? CachedNode(string name) => _nodes.TryGet(name, out var node) ? node : null;
}

using System.Collections.Concurrent;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Status;
using Microsoft.Extensions.Logging;

// The controller's log (ids 200-299): this type is the controller's half; Agents.Log is the agent host's.
using ControllerLog = KubeEdge.PrePull.Runtime.Controller.Log;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// The controller's half of the edge-agent protocol for one job run (docs/design.md §3 "Edge agents", steps 1, 4 and
/// 5). A dispatch marks the node's entry <c>InProgress</c> (the scheduler's Dispatched update) and asks for a prompt
/// status write; the node's Check and Pull then wait for the terminal entry its agent writes, which arrives with the
/// job's watch events (<see cref="Observe"/>), and are answered from it as final results (the agent already retried).
/// The scheduler's timeout, or the job's end, cancels the wait. As the status write guard it puts every agent's
/// terminal entry into the controller's writes, so those never revert one.
/// </summary>
internal sealed class AgentDispatcher : IStatusWriteGuard
{
    private readonly string _job;
    private readonly IReadOnlySet<string> _agentNodes;
    private readonly ILogger _logger;

    // One wait per dispatched agent node, never removed: a node is dispatched at most once per run.
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ImagePrePullNodeTaskStatus>> _waits = new(StringComparer.Ordinal);

    // The terminal entries agents wrote, by node; kept for the run so every later write carries them.
    private readonly ConcurrentDictionary<string, ImagePrePullNodeTaskStatus> _results = new(StringComparer.Ordinal);
    private string? _resourceVersion;

    public AgentDispatcher(string job, IReadOnlySet<string> agentNodes, ILogger logger)
    {
        _job = job;
        _agentNodes = agentNodes;
        _logger = logger;
    }

    /// <summary>Asks for a status write at once; set by the run to its writer's <c>FlushNow</c>.</summary>
    public Action? FlushRequested { get; set; }

    public string? ResourceVersion => Volatile.Read(ref _resourceVersion);

    public bool IsAgentNode(string nodeName) => _agentNodes.Contains(nodeName);

    /// <summary>Protocol step 1: the scheduler has already set the entry <c>InProgress</c>; it must reach the server now.</summary>
    public ValueTask BeginNodeAsync(string nodeName)
    {
        var wait = WaitFor(nodeName);
        if (_results.TryGetValue(nodeName, out var result))
        {
            // The agent answered an earlier run of this job (the controller restarted meanwhile).
            wait.TrySetResult(result);
        }

        ControllerLog.AgentDispatched(_logger, _job, nodeName);
        FlushRequested?.Invoke();
        return ValueTask.CompletedTask;
    }

    public async ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        var entry = await WaitFor(request.NodeName).Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return AgentEntryResults.Check(entry);
    }

    public async ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        var entry = await WaitFor(request.NodeName).Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return AgentEntryResults.Pull(entry, request.NodeName, request.Image);
    }

    /// <summary>Protocol step 4: the job as the watch (or a re-read) shows it; agents' terminal entries complete their nodes.</summary>
    public void Observe(ImagePrePullJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        foreach (var entry in job.Status?.NodeStatus ?? [])
        {
            // Agents write Successful or Failure; Unknown is only ever the controller's (a timeout).
            if (entry.NodeName is not { } node
                || entry.Phase is not (NodeTaskPhases.Successful or NodeTaskPhases.Failure)
                || !_agentNodes.Contains(node)
                || !_results.TryAdd(node, entry))
            {
                continue;
            }

            ControllerLog.AgentReported(_logger, _job, node, entry.Phase);
            if (_waits.TryGetValue(node, out var wait))
            {
                wait.TrySetResult(entry);
            }
        }

        // After the entries: a write with this version then carries all of them.
        Volatile.Write(ref _resourceVersion, job.Metadata?.ResourceVersion);
    }

    public void Written(string? resourceVersion)
    {
        if (!string.IsNullOrEmpty(resourceVersion))
        {
            Volatile.Write(ref _resourceVersion, resourceVersion);
        }
    }

    /// <summary>Protocol step 5: the agents' entries replace the controller's for their nodes, and the summary counts them.</summary>
    public ImagePrePullJobStatus Prepare(ImagePrePullJobStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (_results.IsEmpty || status.NodeStatus is not { } entries)
        {
            return status;
        }

        var merged = new List<ImagePrePullNodeTaskStatus>(entries.Count);
        foreach (var entry in entries)
        {
            merged.Add(entry.NodeName is { } node && _results.TryGetValue(node, out var agents) ? agents : entry);
        }

        status.NodeStatus = merged;
        status.Summary = AgentEntryResults.Summarize(merged);
        return status;
    }

    private TaskCompletionSource<ImagePrePullNodeTaskStatus> WaitFor(string nodeName) =>
        _waits.GetOrAdd(nodeName, static _ => new TaskCompletionSource<ImagePrePullNodeTaskStatus>(TaskCreationOptions.RunContinuationsAsynchronously));
}

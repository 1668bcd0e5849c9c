using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Status;

/// <summary>
/// Builds a job's status from its nodes: the v1alpha2 fields, the exact summary, and the seed's v1alpha1 mirror
/// while the job is small. Large jobs keep only non-successful nodes within the byte budget, and the names of the
/// successful ones in the compact <c>succeededNodes</c>, which takes its share of the same budget first
/// (docs/design.md §4 item 4).
/// </summary>
public sealed class JobStatusBuilder
{
    private readonly int _detailLimit;
    private readonly int _byteBudget;

    /// <summary>Creates a builder.</summary>
    /// <param name="options">The size limits; <see langword="null"/> for the defaults. Copied.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public JobStatusBuilder(StatusOptions? options = null)
    {
        options ??= new StatusOptions();
        options.Validate();
        _detailLimit = options.DetailLimit;
        _byteBudget = options.NodeStatusByteBudget;
    }

    /// <summary>Builds the status of a job.</summary>
    /// <param name="phase">The job's phase; see <see cref="JobPhases"/>.</param>
    /// <param name="reason">Why the job is in its phase.</param>
    /// <param name="startTime">When the job started.</param>
    /// <param name="completionTime">When it reached <c>Completed</c> or <c>Failure</c>.</param>
    /// <param name="nodes">Every node of the job, in order.</param>
    /// <returns>A new status object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="phase"/> or <paramref name="nodes"/> is <see langword="null"/>.</exception>
    public ImagePrePullJobStatus Build(string phase, string? reason, DateTimeOffset? startTime, DateTimeOffset? completionTime, IReadOnlyList<NodeTaskResult> nodes)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(nodes);
        var status = new ImagePrePullJobStatus
        {
            Phase = phase,
            // docs/design.md §1 "Limits": a reason listing every problem of a large job is cut, not written whole.
            Reason = string.IsNullOrEmpty(reason) ? null : LimitedText.Truncate(reason, ImagePrePullJobLimits.MaxReasonLength),
            StartTime = startTime,
            CompletionTime = completionTime,
            Summary = Summarize(nodes),
        };
        if (nodes.Count <= _detailLimit && TryBuildDetailed(status, nodes, completionTime ?? startTime))
        {
            return status;
        }

        // At most half the budget: what keeps a resumed job from pulling a node twice goes first, the detail of the
        // nodes that are not done gets the rest.
        status.SucceededNodes = SucceededNodeSet.Encode(
            nodes.Where(static n => n.Phase == NodeTaskPhases.Successful).Select(static n => n.NodeName), _byteBudget / 2);
        var kept = Trimmed(nodes, _byteBudget - (status.SucceededNodes?.Length ?? 0));
        status.NodeStatus = kept;
        status.NodeStatusOmitted = Omission(nodes, kept, nodes.Count > _detailLimit ? NodeStatusOmission.DetailLimitReason : NodeStatusOmission.SizeBudgetReason);
        return status;
    }

    /// <summary>Builds the final status of a finished run.</summary>
    /// <param name="outcome">The run's outcome.</param>
    /// <param name="startTime">When the job started.</param>
    /// <param name="completionTime">When it finished.</param>
    /// <returns>A new status object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="outcome"/> is <see langword="null"/>.</exception>
    public ImagePrePullJobStatus Build(JobOutcome outcome, DateTimeOffset? startTime, DateTimeOffset completionTime)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Build(outcome.Phase, outcome.Reason, startTime, completionTime, outcome.Nodes);
    }

    /// <summary>Counts nodes by phase.</summary>
    /// <param name="nodes">The nodes.</param>
    /// <returns>The exact counts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> is <see langword="null"/>.</exception>
    public static JobSummary Summarize(IReadOnlyList<NodeTaskResult> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var summary = new JobSummary();
        foreach (var node in nodes)
        {
            summary.Count(node.Phase);
        }

        return summary;
    }

    private bool TryBuildDetailed(ImagePrePullJobStatus status, IReadOnlyList<NodeTaskResult> nodes, DateTimeOffset? time)
    {
        var entries = new List<ImagePrePullNodeTaskStatus>(nodes.Count);
        var mirror = new List<Api.V1Alpha1.ImagePrePullStatus>(nodes.Count);
        var states = new List<MirrorState>(nodes.Count);
        long size = 0;
        foreach (var node in nodes)
        {
            var entry = NodeStatusConverter.ToStatus(node);
            var state = V1Alpha1Mirror.NodeState(node);
            var mirrored = V1Alpha1Mirror.ToStatus(node, state);
            size += StatusSizeEstimator.Estimate(entry) + StatusSizeEstimator.Estimate(mirrored);
            if (size > _byteBudget)
            {
                return false;
            }

            entries.Add(entry);
            mirror.Add(mirrored);
            states.Add(state);
        }

        var job = V1Alpha1Mirror.JobState(status.Phase!, states);
        status.NodeStatus = entries;
        status.State = job.State;
        status.Event = job.Event;
        status.Action = job.Action;
        status.Time = time is { } t ? StatusTime.Format(t) : null;
        status.Status = mirror;
        return true;
    }

    // Failed nodes first (what users look for), then in-flight, then pending; within a class, job order. Entries
    // that do not fit are skipped so that smaller ones after them still get in.
    private static List<ImagePrePullNodeTaskStatus> Trimmed(IReadOnlyList<NodeTaskResult> nodes, long budget)
    {
        var kept = new List<(int Index, ImagePrePullNodeTaskStatus Entry)>();
        long size = 0;
        foreach (var rank in (ReadOnlySpan<int>)[0, 1, 2])
        {
            for (var i = 0; i < nodes.Count && size < budget; i++)
            {
                if (Rank(nodes[i].Phase) != rank)
                {
                    continue;
                }

                var entry = NodeStatusConverter.ToStatus(nodes[i]);
                var entrySize = StatusSizeEstimator.Estimate(entry);
                if (size + entrySize <= budget)
                {
                    size += entrySize;
                    kept.Add((i, entry));
                }
            }
        }

        kept.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        return kept.ConvertAll(static k => k.Entry);
    }

    // docs/design.md §2 "Status": what a reader of a trimmed status needs to know it is trimmed.
    private static NodeStatusOmission? Omission(IReadOnlyList<NodeTaskResult> nodes, List<ImagePrePullNodeTaskStatus> kept, string reason)
    {
        if (kept.Count == nodes.Count)
        {
            return null;
        }

        var listed = kept.Select(static e => e.Phase ?? NodeTaskPhases.Pending).ToHashSet(StringComparer.Ordinal);
        return new NodeStatusOmission
        {
            Count = nodes.Count - kept.Count,
            Reason = reason,
            ListedPhases = ((string[])[NodeTaskPhases.Failure, NodeTaskPhases.Unknown, NodeTaskPhases.InProgress, NodeTaskPhases.Pending]).Where(listed.Contains).ToList(),
        };
    }

    private static int Rank(string phase) => phase switch
    {
        NodeTaskPhases.Failure or NodeTaskPhases.Unknown => 0,
        NodeTaskPhases.InProgress => 1,
        NodeTaskPhases.Pending => 2,
        _ => -1,
    };
}

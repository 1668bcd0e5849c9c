using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Status;

/// <summary>Converts between the scheduler's node snapshots and the v1alpha2 <c>nodeStatus</c> entries.</summary>
public static class NodeStatusConverter
{
    /// <summary>The v1alpha2 entry of a node.</summary>
    /// <param name="node">The node's state.</param>
    /// <returns>The entry, with its action flow and image results.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is <see langword="null"/>.</exception>
    public static ImagePrePullNodeTaskStatus ToStatus(NodeTaskResult node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new ImagePrePullNodeTaskStatus
        {
            NodeName = node.NodeName,
            Phase = node.Phase,
            Reason = node.Reason,
            ActionFlow = node.ActionFlow.Count == 0
                ? null
                : node.ActionFlow.Select(static a => new ImagePrePullJobActionStatus
                {
                    Action = a.Action,
                    Status = a.Succeeded ? ConditionStatuses.True : ConditionStatuses.False,
                    Reason = a.Reason,
                    Time = StatusTime.Format(a.Time),
                }).ToList(),
            ImageStatus = node.Images.Count == 0
                ? null
                : node.Images.Select(static i => new ImageStatus
                {
                    Image = i.Image,
                    Status = i.Waiting ? ConditionStatuses.Unknown : i.Succeeded ? ConditionStatuses.True : ConditionStatuses.False,
                    Reason = i.Reason,
                    ResolvedImage = i.ResolvedImage,
                    FallbackFrom = i.FallbackFrom,
                    ImageRef = i.ImageRef,
                    Secret = i.Secret,
                }).ToList(),
        };
    }

    /// <summary>A node's state read back from its v1alpha2 entry (to resume a job).</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The node's state; a missing phase reads as <c>Pending</c>.</returns>
    /// <exception cref="ArgumentException">The entry has no node name.</exception>
    public static NodeTaskResult FromStatus(ImagePrePullNodeTaskStatus entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (string.IsNullOrEmpty(entry.NodeName))
        {
            throw new ArgumentException("A nodeStatus entry has no nodeName.", nameof(entry));
        }

        var actions = (entry.ActionFlow ?? [])
            .Select(static a => new ActionResult(a.Action ?? NodeActions.Check, a.Status == ConditionStatuses.True, a.Reason, StatusTime.Parse(a.Time) ?? default))
            .ToList();
        var images = (entry.ImageStatus ?? [])
            .Select(static i => new ImageResult(i.Image ?? string.Empty, i.Status == ConditionStatuses.True, i.Reason, i.ResolvedImage, i.ImageRef, i.Secret, 0)
            {
                FallbackFrom = i.FallbackFrom,
                Waiting = i.Status == ConditionStatuses.Unknown,
            })
            .ToList();
        return new NodeTaskResult(entry.NodeName, entry.Phase ?? NodeTaskPhases.Pending, entry.Reason, actions, images);
    }
}

using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Status;

/// <summary>Derives the seed's (v1alpha1) state, event and action by replaying a node's steps through the state machine.</summary>
internal static class V1Alpha1Mirror
{
    public static MirrorState NodeState(NodeTaskResult node)
    {
        var state = MirrorState.Initial;
        if (node.Phase == NodeTaskPhases.Pending)
        {
            return state;
        }

        // A node that failed without running (rejected by selection) fails Init; every other node was dispatched.
        if (node.ActionFlow.Count > 0 || node.Phase != NodeTaskPhases.Failure)
        {
            state = state.Apply(TaskEvents.Init, true);
        }

        foreach (var action in node.ActionFlow)
        {
            if (state.State is TaskStates.Successful or TaskStates.Failed)
            {
                break;
            }

            state = state.Apply(action.Action == NodeActions.Check ? TaskEvents.Check : TaskEvents.Pull, action.Succeeded);
        }

        return node.Phase switch
        {
            NodeTaskPhases.Unknown when state.State is not TaskStates.Failed => state.Apply(TaskEvents.TimeOut, false),
            NodeTaskPhases.Failure when state.State is not TaskStates.Failed => state.FailStage(),
            NodeTaskPhases.Successful when state.State is not TaskStates.Successful => new MirrorState(TaskStates.Successful, TaskEvents.Pull, TaskActions.Success),
            _ => state,
        };
    }

    public static MirrorState JobState(string phase, IReadOnlyList<MirrorState> nodes)
    {
        var state = MirrorState.Initial;
        var dispatched = nodes.Any(static n => n.Event is not null && !(n.Event == TaskEvents.Init && n.Action == TaskActions.Failure));
        if (phase == JobPhases.Init || (phase == JobPhases.Failure && !dispatched))
        {
            return phase == JobPhases.Init ? state : state.Apply(TaskEvents.Init, false);
        }

        state = state.Apply(TaskEvents.Init, true);
        var pulling = nodes.Any(static n => n.State is TaskStates.Pulling or TaskStates.Successful || n.Event == TaskEvents.Pull);
        if (pulling || phase == JobPhases.Completed)
        {
            state = state.Apply(TaskEvents.Check, true);
        }

        return phase switch
        {
            JobPhases.Completed => state.Apply(TaskEvents.Pull, true),
            JobPhases.Failure => state.FailStage(),
            _ => state,
        };
    }

    public static Api.V1Alpha1.ImagePrePullStatus ToStatus(NodeTaskResult node, MirrorState state) => new()
    {
        NodeStatus = new Api.V1Alpha1.TaskStatus
        {
            NodeName = node.NodeName,
            State = state.State,
            Event = state.Event,
            Action = state.Action,
            Reason = node.Reason,
            Time = node.ActionFlow.Count == 0 ? null : StatusTime.Format(node.ActionFlow[^1].Time),
        },
        // An image waiting for its registry has no v1alpha1 state yet (docs/design.md §2 "Registry budget").
        ImageStatus = !node.Images.Any(static i => !i.Waiting)
            ? null
            : node.Images.Where(static i => !i.Waiting).Select(static i => new Api.V1Alpha1.ImageStatus
            {
                Image = i.Image,
                State = i.Succeeded ? TaskStates.Successful : TaskStates.Failed,
                Reason = i.Reason,
            }).ToList(),
    };
}

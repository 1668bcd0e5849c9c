using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Status;

/// <summary>A position in the seed's state machine: the state and the event and action that led to it.</summary>
internal readonly record struct MirrorState(string State, string? Event, string? Action)
{
    public static MirrorState Initial { get; } = new(TaskStates.Init, null, null);

    /// <summary>Applies one event; an event the rules do not allow from this state is a bug, so it throws.</summary>
    public MirrorState Apply(string @event, bool succeeded)
    {
        var action = succeeded ? TaskActions.Success : TaskActions.Failure;
        var next = PrePullStateMachine.Next(State, @event, action)
            ?? throw new InvalidOperationException($"The pre-pull state machine has no transition {State}/{@event}/{action}.");
        return new MirrorState(next, @event, action);
    }

    /// <summary>Fails the current stage (used when a node failed without a finished action for its stage).</summary>
    public MirrorState FailStage() => Apply(PrePullStateMachine.StageEvent(State), false);
}

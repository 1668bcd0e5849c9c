using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Status;

/// <summary>
/// The seed's (v1alpha1) state machine, upstream's <c>PrePullRule</c>: <c>Init -&gt; Checking -&gt; Pulling -&gt;
/// Successful|Failed</c>, driven by events <c>Init</c>, <c>Check</c>, <c>Pull</c>, <c>TimeOut</c> with action
/// <c>Success</c> or <c>Failure</c>.
/// </summary>
internal static class PrePullStateMachine
{
    private static readonly Dictionary<(string State, string Event, string Action), string> Rules = new()
    {
        [(TaskStates.Init, TaskEvents.Init, TaskActions.Success)] = TaskStates.Checking,
        [(TaskStates.Init, TaskEvents.Init, TaskActions.Failure)] = TaskStates.Failed,
        [(TaskStates.Init, TaskEvents.TimeOut, TaskActions.Failure)] = TaskStates.Failed,
        [(TaskStates.Checking, TaskEvents.Check, TaskActions.Success)] = TaskStates.Pulling,
        [(TaskStates.Checking, TaskEvents.Check, TaskActions.Failure)] = TaskStates.Failed,
        [(TaskStates.Checking, TaskEvents.TimeOut, TaskActions.Failure)] = TaskStates.Failed,
        [(TaskStates.Pulling, TaskEvents.Pull, TaskActions.Success)] = TaskStates.Successful,
        [(TaskStates.Pulling, TaskEvents.Pull, TaskActions.Failure)] = TaskStates.Failed,
        [(TaskStates.Pulling, TaskEvents.TimeOut, TaskActions.Failure)] = TaskStates.Failed,
    };

    /// <summary>The next state, or <see langword="null"/> when the rules have no such transition.</summary>
    public static string? Next(string state, string @event, string action) =>
        Rules.TryGetValue((state, @event, action), out var next) ? next : null;

    /// <summary>The event that ends the stage a state belongs to (<c>Init</c>, <c>Check</c>, <c>Pull</c>).</summary>
    public static string StageEvent(string state) => state switch
    {
        TaskStates.Checking => TaskEvents.Check,
        TaskStates.Pulling => TaskEvents.Pull,
        _ => TaskEvents.Init,
    };
}

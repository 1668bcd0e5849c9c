namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>Records that the controller dispatches nodes labelled <paramref name="NodeLabel"/> to their edge agents.</summary>
/// <param name="NodeLabel">The label key (any value) of a node that runs an agent.</param>
internal sealed record EdgeAgentRegistration(string NodeLabel);

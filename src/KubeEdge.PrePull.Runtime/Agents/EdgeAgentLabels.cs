namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>The labels of edge-agent mode, shared by the controller's agent dispatcher and the agent host.</summary>
public static class EdgeAgentLabels
{
    /// <summary>
    /// The node label key that marks a node as running an edge agent (any value): the controller hands such a node's
    /// entry to its agent instead of pulling through another backend, and the agent's DaemonSet selects on it.
    /// </summary>
    public const string Agent = "prepull.kubeedge.io/agent";
}

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>The node label that says a node runs an edge agent (DESIGN §3, "Edge agents").</summary>
public static class EdgeAgentLabels
{
    /// <summary>
    /// The default label key of a node whose pulls its own edge agent runs: <c>prepull.kubeedge.io/agent</c>
    /// (any value). The controller dispatches such nodes to their agent when the host calls <c>AddEdgeAgents()</c>.
    /// </summary>
    public const string Agent = "prepull.kubeedge.io/agent";
}

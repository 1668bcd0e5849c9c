using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Planning;

/// <summary>Gives the scheduler each node's plan.</summary>
public interface INodePlanSource
{
    /// <summary>The plan of one selected node.</summary>
    /// <param name="nodeName">A node the job selected.</param>
    /// <returns>Its plan (shared between nodes with the same label set).</returns>
    NodePlan GetPlan(string nodeName);
}

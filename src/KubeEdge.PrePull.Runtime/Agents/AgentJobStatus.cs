using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Status;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// The status rule of agent mode: <c>nodeStatus</c> lists every selected node, Pending ones too, whatever the detail
/// limit and byte budget, because an agent acts only on its own entry and a controller write that left out an
/// agent's finished entry would lose it. Agent mode is for jobs of up to a few hundred nodes (docs/design.md §3),
/// far below the sizes the limit exists for; the v1alpha1 mirror still follows the usual rule.
/// </summary>
internal static class AgentJobStatus
{
    public static ImagePrePullJobStatus EveryNode(ImagePrePullJobStatus status, IReadOnlyList<NodeTaskResult> nodes)
    {
        if (status.NodeStatus is not { } entries || entries.Count != nodes.Count)
        {
            status.NodeStatus = nodes.Select(NodeStatusConverter.ToStatus).ToList();
        }

        return status;
    }
}

using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Registries;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>A job planned for this node alone; as a plan source it hands out the node's plan with the job's pins applied.</summary>
/// <param name="Plan">The plan, with this node as its only node; its secret problems name skipped secrets.</param>
/// <param name="SecretsRead">How many secrets were read for it.</param>
/// <param name="Pins">With <c>pinDigests</c>, the digests the controller recorded (docs/design.md §2 "Pinned digests"); else <see langword="null"/>.</param>
internal sealed record AgentPlan(JobPlan Plan, int SecretsRead, PinnedDigests? Pins = null) : INodePlanSource
{
    /// <inheritdoc/>
    public NodePlan GetPlan(string nodeName) => Pins is { } pins ? pins.Apply(Plan.GetPlan(nodeName)) : Plan.GetPlan(nodeName);
}

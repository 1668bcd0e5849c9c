using KubeEdge.PrePull.Planning;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>A job planned for this node alone.</summary>
/// <param name="Plan">The plan, with this node as its only node; its secret problems name skipped secrets.</param>
/// <param name="SecretsRead">How many secrets were read for it.</param>
internal sealed record AgentPlan(JobPlan Plan, int SecretsRead);

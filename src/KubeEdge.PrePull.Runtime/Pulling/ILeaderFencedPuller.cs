using KubeEdge.PrePull.Runtime.LeaderElection;

namespace KubeEdge.PrePull.Runtime.Pulling;

/// <summary>
/// A puller that creates or deletes shared objects (pods, secret copies) and so must stop when its leadership term
/// is over: once <see cref="LeadershipFence.IsHeld"/> is false it creates nothing and deletes nothing, and leaves
/// what exists to the new leader, which adopts or sweeps it (docs/design.md §3, Fencing).
/// </summary>
internal interface ILeaderFencedPuller
{
    /// <summary>Makes every later write of the puller depend on <paramref name="fence"/>; called before the first node.</summary>
    void Fence(LeadershipFence fence);
}

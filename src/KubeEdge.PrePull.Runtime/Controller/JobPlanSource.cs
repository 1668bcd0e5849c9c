using System.Collections.Concurrent;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Registries;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>
/// The plans of a running job: the plan it started with, plus the plans of nodes planned later (nodes that joined a
/// <c>Never</c> job or appeared under a name the job waits for, docs/design.md §2 "Execution").
/// </summary>
/// <remarks>
/// With <c>pinDigests</c>, every plan handed out pulls the pinned digests: those of the start, or for a node planned
/// later the digest recorded for the same spec image, resolved then only when there is none (docs/design.md §2 "Pinned digests").
/// </remarks>
internal sealed class JobPlanSource(JobPlan initial, PinnedDigests? pins = null) : INodePlanSource
{
    private readonly ConcurrentDictionary<string, NodePlan> _later = new(StringComparer.Ordinal);

    /// <summary>The job's pinned digests, or <see langword="null"/> without <c>pinDigests</c>; nodes planned later add theirs.</summary>
    public PinnedDigests? Pins => pins;

    public bool Has(string nodeName) => initial.TryGetPlan(nodeName, out _) || _later.ContainsKey(nodeName);

    /// <summary>Adds the plans of <paramref name="plan"/>'s nodes that have none yet.</summary>
    public void Add(JobPlan plan, IEnumerable<string> nodeNames)
    {
        foreach (var name in nodeNames)
        {
            if (plan.TryGetPlan(name, out var nodePlan) && !initial.TryGetPlan(name, out _))
            {
                _later.TryAdd(name, nodePlan);
            }
        }
    }

    /// <inheritdoc/>
    public NodePlan GetPlan(string nodeName)
    {
        var plan = initial.TryGetPlan(nodeName, out var found) ? found
            : _later.TryGetValue(nodeName, out found) ? found
            : throw new KeyNotFoundException($"node \"{nodeName}\" is not part of this job's plan");
        return pins is null ? plan : pins.Apply(plan);
    }
}

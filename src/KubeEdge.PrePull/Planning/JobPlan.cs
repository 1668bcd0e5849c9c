using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Planning;

/// <summary>
/// The plan of one job: for every selected node, the images to pull (after overrides) and the credentials to try.
/// Nodes that the same override rules select share one <see cref="NodePlan"/> instance. Immutable once built, so
/// the scheduler may read it from many threads.
/// </summary>
public sealed class JobPlan : INodePlanSource
{
    private readonly Dictionary<string, NodePlan> _byNode;

    internal JobPlan(Dictionary<string, NodePlan> byNode, IReadOnlyList<NodePlan> distinctPlans, IReadOnlyList<SecretProblem> secretProblems)
    {
        _byNode = byNode;
        DistinctPlans = distinctPlans;
        SecretProblems = secretProblems;
    }

    /// <summary>How many nodes the plan covers (duplicate names count once).</summary>
    public int NodeCount => _byNode.Count;

    /// <summary>The distinct node plans, in order of first use; usually far fewer than the nodes.</summary>
    public IReadOnlyList<NodePlan> DistinctPlans { get; }

    /// <summary>
    /// The secrets some node would use that were skipped (missing, of another type, malformed), each once, in order
    /// of first reference: the controller emits one warning event per problem. Never contains secret data.
    /// </summary>
    public IReadOnlyList<SecretProblem> SecretProblems { get; }

    /// <inheritdoc />
    /// <exception cref="KeyNotFoundException">The node is not part of this plan.</exception>
    public NodePlan GetPlan(string nodeName) =>
        TryGetPlan(nodeName, out var plan) ? plan : throw new KeyNotFoundException($"node \"{nodeName}\" is not part of this job's plan");

    /// <summary>The plan of a node, if the node is part of this plan.</summary>
    /// <param name="nodeName">The node's name.</param>
    /// <param name="plan">Its plan, when found.</param>
    /// <returns>Whether the node is part of this plan.</returns>
    public bool TryGetPlan(string nodeName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NodePlan? plan)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        return _byNode.TryGetValue(nodeName, out plan);
    }
}

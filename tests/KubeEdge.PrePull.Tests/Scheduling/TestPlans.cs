using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Tests.Scheduling;

/// <summary>The same plan for every node (or a per-node one), as the planner would hand it out.</summary>
internal sealed class TestPlans(Func<string, NodePlan> plan) : INodePlanSource
{
    public TestPlans(params string[] images)
        : this(new NodePlan([.. images.Select(i => new ImagePlan(i, i, Array.Empty<PullCredential>()))]))
    {
    }

    public TestPlans(NodePlan plan)
        : this(_ => plan)
    {
    }

    public NodePlan GetPlan(string nodeName) => plan(nodeName);
}

using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// The "other backend" of a host whose only backend is <c>AddEdgeAgents</c>: a node without the agent label fails
/// when it is set up, with a reason that names the label (the protocol's rule).
/// </summary>
internal sealed class AgentOnlyPullerFactory(string nodeLabel) : IJobPullerFactory
{
    public string Name => "none";

    public IImagePuller CreateForJob(ImagePrePullJob job) => new NoBackend(nodeLabel);

    public static string Reason(string nodeName, string nodeLabel) =>
        $"node {nodeName} has no edge agent (label {nodeLabel}) and no other backend is registered";

    private sealed class NoBackend(string nodeLabel) : INodeScopedImagePuller
    {
        public string Name => "none";

        public IReadOnlyCollection<string> SupportedCheckItems => CheckItems.All;

        public ValueTask BeginNodeAsync(string nodeName, NodePlan plan, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Reason(nodeName, nodeLabel));

        public ValueTask EndNodeAsync(string nodeName, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        // Reached only when the node had no plan (so no Begin): the same reason.
        public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(CheckResult.Failed(Reason(request.NodeName, nodeLabel)));

        public ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(PullResult.Failure(PullFailureKind.Other, Reason(request.NodeName, nodeLabel)) with { Final = true });
    }
}

using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// A job's puller in agent mode: nodes with an edge agent go to the dispatcher, every other node to the host's other
/// backend. It offers every check item, because agents check their own node; for another node it fails an item its
/// backend cannot check with the scheduler's usual reason.
/// </summary>
internal sealed class NodeBackendRouter(AgentDispatcher agents, IImagePuller other) : INodeScopedImagePuller, IAsyncDisposable
{
    /// <summary>The name of the agent side in metrics and reasons.</summary>
    public const string AgentBackendName = "edgeagent";

    public string Name { get; } = AgentBackendName + "+" + other.Name;

    public IReadOnlyCollection<string> SupportedCheckItems => CheckItems.All;

    // The other backend's answer; an agent's node is dispatched by a status write and pulls on its own.
    public bool PullsOnBegin => other is INodeScopedImagePuller { PullsOnBegin: true };

    public ValueTask BeginNodeAsync(string nodeName, NodePlan plan, CancellationToken cancellationToken)
    {
        if (agents.IsAgentNode(nodeName))
        {
            return agents.BeginNodeAsync(nodeName);
        }

        return other is INodeScopedImagePuller scoped ? scoped.BeginNodeAsync(nodeName, plan, cancellationToken) : ValueTask.CompletedTask;
    }

    public ValueTask EndNodeAsync(string nodeName, CancellationToken cancellationToken) =>
        !agents.IsAgentNode(nodeName) && other is INodeScopedImagePuller scoped
            ? scoped.EndNodeAsync(nodeName, cancellationToken)
            : ValueTask.CompletedTask;

    public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (agents.IsAgentNode(request.NodeName))
        {
            return agents.CheckAsync(request, cancellationToken);
        }

        var unsupported = request.Items.Where(i => !other.SupportedCheckItems.Contains(i)).ToList();
        return unsupported.Count > 0
            ? ValueTask.FromResult(CheckResult.Failed(SchedulerReasons.CannotCheck(other.Name, unsupported)))
            : other.CheckAsync(request, cancellationToken);
    }

    public ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return agents.IsAgentNode(request.NodeName) ? agents.PullAsync(request, cancellationToken) : other.PullAsync(request, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        if (other is IAsyncDisposable asyncDisposable)
        {
            return asyncDisposable.DisposeAsync();
        }

        (other as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace KubeEdge.PrePull.Runtime.DependencyInjection;

/// <summary>
/// Configures the edge agent that <c>services.AddImagePrePullAgent(nodeName)</c> registered: its Kubernetes client
/// and its node-local pulling backend (exactly one of <c>AddCriPuller</c>, <c>AddDockerPuller</c>).
/// </summary>
public interface IImagePrePullAgentBuilder
{
    /// <summary>The services the agent is registered in.</summary>
    IServiceCollection Services { get; }
}

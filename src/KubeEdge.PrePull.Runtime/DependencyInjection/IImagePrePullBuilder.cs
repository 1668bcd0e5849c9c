using Microsoft.Extensions.DependencyInjection;

namespace KubeEdge.PrePull.Runtime.DependencyInjection;

/// <summary>
/// Configures the ImagePrePullJob controller that <c>services.AddImagePrePull()</c> registered: its Kubernetes
/// client and its pulling backend (exactly one of <c>AddPodApplyPuller</c>, <c>AddCriPuller</c>, <c>AddDockerPuller</c>).
/// </summary>
public interface IImagePrePullBuilder
{
    /// <summary>The services the controller is registered in.</summary>
    IServiceCollection Services { get; }
}

using Microsoft.Extensions.DependencyInjection;

namespace KubeEdge.PrePull.Runtime.DependencyInjection;

/// <summary>The builder <c>AddImagePrePullAgent()</c> returns.</summary>
internal sealed class ImagePrePullAgentBuilder(IServiceCollection services) : IImagePrePullAgentBuilder
{
    public IServiceCollection Services { get; } = services;
}

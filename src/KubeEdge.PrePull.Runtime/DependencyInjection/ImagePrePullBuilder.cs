using Microsoft.Extensions.DependencyInjection;

namespace KubeEdge.PrePull.Runtime.DependencyInjection;

/// <summary>The builder <c>AddImagePrePull()</c> returns.</summary>
internal sealed class ImagePrePullBuilder(IServiceCollection services) : IImagePrePullBuilder
{
    public IServiceCollection Services { get; } = services;
}

using KubeEdge.PrePull.Runtime.Controller;
using KubeEdge.PrePull.Runtime.DependencyInjection;
using KubeEdge.PrePull.Runtime.Jobs;
using KubeEdge.PrePull.Runtime.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using k8s;

// The Microsoft.Extensions convention: AddXxx lives in this namespace so hosts find it without another using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ImagePrePullJob controller in a .NET host.</summary>
public static class ImagePrePullServiceCollectionExtensions
{
    /// <summary>
    /// Adds the ImagePrePullJob controller as a hosted service. Choose its backend on the returned builder
    /// (<c>.AddPodApplyPuller()</c> for a cluster, <c>.AddCriPuller(socket)</c> or <c>.AddDockerPuller(socket)</c> for a
    /// single-node host) and optionally its cluster (<c>.UseKubernetes(config)</c>; default: in-cluster, else the
    /// kubeconfig). The options are validated when the host starts, with messages that name the option at fault.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="services"/> is null.</exception>
    public static IImagePrePullBuilder AddImagePrePull(this IServiceCollection services, Action<ImagePrePullOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ImagePrePullOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImagePrePullOptions>, ImagePrePullOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImagePrePullOptions>, ImagePrePullOptionsCrossValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImagePrePullOptions>, PullerRegistrationValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(KubernetesClientFactory.Default);
        services.TryAddSingleton<IImagePrePullJobClient>(static sp => new ImagePrePullJobClient(sp.GetRequiredService<IKubernetes>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(JobRunContextFactory.Create);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ImagePrePullController>());
        return new ImagePrePullBuilder(services);
    }
}

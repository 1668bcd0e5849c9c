using System.Runtime.CompilerServices;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.DependencyInjection;
using KubeEdge.PrePull.Runtime.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using k8s;

// The Microsoft.Extensions convention: AddXxx lives in this namespace so hosts find it without another using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the edge agent, the host on an edge node that pulls for the cloud controller (docs/design.md §3).</summary>
public static class ImagePrePullAgentServiceCollectionExtensions
{
    /// <summary>
    /// Adds the edge agent for <paramref name="nodeName"/> as a hosted service: it watches ImagePrePullJobs and, when
    /// the controller sets this node's <c>status.nodeStatus</c> entry to <c>InProgress</c>, pulls the node's images
    /// and writes that entry back. Choose its runtime on the returned builder (<c>.AddCriPuller(socket)</c> or
    /// <c>.AddDockerPuller(socket)</c>) and optionally its cluster (<c>.UseKubernetes(config)</c>; default: in-cluster,
    /// else the kubeconfig). The options, the node name included, are validated when the host starts, with messages
    /// that name the option at fault.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="nodeName">The name of the Node this host runs on (e.g. from the downward API's <c>spec.nodeName</c>).</param>
    /// <param name="configure">Sets further options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="services"/> is null.</exception>
    public static IImagePrePullAgentBuilder AddImagePrePullAgent(this IServiceCollection services, string nodeName, Action<ImagePrePullAgentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ImagePrePullAgentOptions>().Configure(o => o.NodeName = nodeName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImagePrePullAgentOptions>, ImagePrePullAgentOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImagePrePullAgentOptions>, AgentPullerRegistrationValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // A client the host registered before (e.g. the controller's, in one host) is the agent's, as it always was;
        // otherwise the agent connects from the default configuration without one.
        Func<IServiceProvider, ClusterConnection> connection = services.Any(d => d.ServiceType == typeof(IKubernetes))
            ? AgentConnectionFactory.FromRegisteredClient
            : AgentConnectionFactory.Default;
        services.TryAddSingleton(connection);
        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            // For hosts that ask for them, made only when resolved. The agent never uses them (it has its own
            // connection); under Native AOT they are left out, since compiling a Kubernetes constructor keeps every
            // Kubernetes model's JSON metadata in the image (docs/design.md §3 "The edge agent on a small device").
            services.TryAddSingleton(KubernetesClientFactory.Default);
            services.TryAddSingleton<IImagePrePullJobClient>(static sp => new ImagePrePullJobClient(sp.GetRequiredService<IKubernetes>(), sp.GetService<TimeProvider>()));
        }

        services.TryAddSingleton(AgentContextFactory.Create);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ImagePrePullAgent>());
        return new ImagePrePullAgentBuilder(services);
    }
}

using System.Runtime.CompilerServices;
using k8s;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.DependencyInjection;
using KubeEdge.PrePull.Runtime.Pulling.Cri;
using KubeEdge.PrePull.Runtime.Pulling.Docker;
using Microsoft.Extensions.DependencyInjection.Extensions;

// Beside AddImagePrePullAgent, as IHttpClientBuilder's extensions are beside AddHttpClient.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the cluster and the container runtime of the edge agent registered by <c>AddImagePrePullAgent()</c>.</summary>
public static class ImagePrePullAgentBuilderExtensions
{
    /// <summary>
    /// Talks to the cluster that <paramref name="configuration"/> describes (e.g. from a kubeconfig file) on a
    /// connection of the agent's own, set up from it as KubernetesClient's <see cref="Kubernetes"/> client would be
    /// (server CA, <c>SkipTlsVerify</c>, <c>TlsServerName</c>, client certificate, token or token provider, user name
    /// and password, <c>DisableHttp2</c>), without constructing one. Where dynamic code is supported the host's
    /// <see cref="IKubernetes"/> is a <see cref="Kubernetes"/> client of the same configuration, made when resolved;
    /// under Native AOT none is registered.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configuration">The client configuration.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public static IImagePrePullAgentBuilder UseKubernetes(this IImagePrePullAgentBuilder builder, KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.Replace(ServiceDescriptor.Singleton(_ => ClusterConnection.FromConfiguration(configuration)));
        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            // Not compiled into a Native AOT agent: see AddImagePrePullAgent (docs/design.md §3).
            BackendRegistrations.UseKubernetes(builder.Services, _ => new Kubernetes(configuration));
        }

        return builder;
    }

    /// <summary>
    /// Talks to the cluster through the client <paramref name="factory"/> creates (once, as a singleton): the agent
    /// sends its requests on that client's connection, so it must be a <see cref="Kubernetes"/> client (the agent
    /// fails at start saying so otherwise).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the client.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public static IImagePrePullAgentBuilder UseKubernetes(this IImagePrePullAgentBuilder builder, Func<IServiceProvider, IKubernetes> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        BackendRegistrations.UseKubernetes(builder.Services, factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(AgentConnectionFactory.FromRegisteredClient));
        return builder;
    }

    /// <summary>Pulls through this node's CRI runtime (containerd, CRI-O) at <paramref name="socketPath"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="socketPath">The runtime's Unix socket, e.g. <c>/run/containerd/containerd.sock</c>.</param>
    /// <param name="configure">Sets the remaining puller options; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">When <paramref name="socketPath"/> is empty.</exception>
    public static IImagePrePullAgentBuilder AddCriPuller(this IImagePrePullAgentBuilder builder, string socketPath, Action<CriImagePullerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        BackendRegistrations.AddCri(builder.Services, socketPath, configure);
        return builder;
    }

    /// <summary>Pulls through this node's Docker Engine at <paramref name="socketPath"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="socketPath">The engine's Unix socket, e.g. <c>/var/run/docker.sock</c>.</param>
    /// <param name="configure">Sets the remaining puller options; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">When <paramref name="socketPath"/> is empty.</exception>
    public static IImagePrePullAgentBuilder AddDockerPuller(this IImagePrePullAgentBuilder builder, string socketPath, Action<DockerImagePullerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        BackendRegistrations.AddDocker(builder.Services, socketPath, configure);
        return builder;
    }
}

using k8s;
using KubeEdge.PrePull.Runtime.DependencyInjection;
using KubeEdge.PrePull.Runtime.Pulling.Cri;
using KubeEdge.PrePull.Runtime.Pulling.Docker;

// Beside AddImagePrePullAgent, as IHttpClientBuilder's extensions are beside AddHttpClient.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the cluster and the container runtime of the edge agent registered by <c>AddImagePrePullAgent()</c>.</summary>
public static class ImagePrePullAgentBuilderExtensions
{
    /// <summary>Talks to the cluster that <paramref name="configuration"/> describes (e.g. from a kubeconfig file).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configuration">The client configuration.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public static IImagePrePullAgentBuilder UseKubernetes(this IImagePrePullAgentBuilder builder, KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.UseKubernetes(_ => new Kubernetes(configuration));
    }

    /// <summary>Talks to the cluster through the client <paramref name="factory"/> creates (once, as a singleton).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the client.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public static IImagePrePullAgentBuilder UseKubernetes(this IImagePrePullAgentBuilder builder, Func<IServiceProvider, IKubernetes> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        BackendRegistrations.UseKubernetes(builder.Services, factory);
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

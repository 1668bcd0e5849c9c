using k8s;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.DependencyInjection;
using KubeEdge.PrePull.Runtime.Options;
using KubeEdge.PrePull.Runtime.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Cri;
using KubeEdge.PrePull.Runtime.Pulling.Docker;
using KubeEdge.PrePull.Runtime.Pulling.PodApply;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// Beside AddImagePrePull, as IHttpClientBuilder's extensions are beside AddHttpClient.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the cluster and the pulling backend of the controller registered by <c>AddImagePrePull()</c>.</summary>
public static class ImagePrePullBuilderExtensions
{
    /// <summary>Talks to the cluster that <paramref name="configuration"/> describes (e.g. from a kubeconfig file).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configuration">The client configuration.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public static IImagePrePullBuilder UseKubernetes(this IImagePrePullBuilder builder, KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.UseKubernetes(_ => new Kubernetes(configuration));
    }

    /// <summary>Talks to the cluster through the client <paramref name="factory"/> creates (once, as a singleton).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the client.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public static IImagePrePullBuilder UseKubernetes(this IImagePrePullBuilder builder, Func<IServiceProvider, IKubernetes> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        BackendRegistrations.UseKubernetes(builder.Services, factory);
        return builder;
    }

    /// <summary>
    /// Pulls through the kubelet of each node: per node a pod bound to it, one container per image, deleted
    /// afterwards (docs/design.md §3, PodApply). Works from the cloud on any cluster, KubeEdge included.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the pod options (namespace, name prefix, resources); <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="builder"/> is null.</exception>
    public static IImagePrePullBuilder AddPodApplyPuller(this IImagePrePullBuilder builder, Action<PodApplyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new PodApplyOptions();
        configure?.Invoke(options);
        builder.Services.AddSingleton(new PullerRegistration(PodApplyPullerFactory.BackendName));
        builder.Services.TryAddSingleton<IJobPullerFactory>(sp => new PodApplyPullerFactory(
            sp.GetRequiredService<IKubernetes>(), options, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>())
        {
            SecretGrant = sp.GetService<IOptions<ImagePrePullOptions>>()?.Value.SecretGrant(),
        });
        return builder;
    }

    /// <summary>
    /// Pulls every image through the CRI runtime at <paramref name="socketPath"/> (containerd, CRI-O). The runtime is
    /// this machine's, so this suits a single-node host; fleets use <see cref="AddPodApplyPuller"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="socketPath">The runtime's Unix socket, e.g. <c>/run/containerd/containerd.sock</c>.</param>
    /// <param name="configure">Sets the remaining puller options; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">When <paramref name="socketPath"/> is empty.</exception>
    public static IImagePrePullBuilder AddCriPuller(this IImagePrePullBuilder builder, string socketPath, Action<CriImagePullerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        BackendRegistrations.AddCri(builder.Services, socketPath, configure);
        return builder;
    }

    /// <summary>
    /// Pulls every image through the Docker Engine at <paramref name="socketPath"/>. The engine is this machine's,
    /// so this suits a single-node host; fleets use <see cref="AddPodApplyPuller"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="socketPath">The engine's Unix socket, e.g. <c>/var/run/docker.sock</c>.</param>
    /// <param name="configure">Sets the remaining puller options; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">When <paramref name="socketPath"/> is empty.</exception>
    public static IImagePrePullBuilder AddDockerPuller(this IImagePrePullBuilder builder, string socketPath, Action<DockerImagePullerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        BackendRegistrations.AddDocker(builder.Services, socketPath, configure);
        return builder;
    }

    /// <summary>
    /// Dispatches every node labelled <paramref name="nodeLabel"/> (any value) to the edge agent running on it
    /// (<c>AddImagePrePullAgent(nodeName)</c> in a host on the node): the controller marks the node's status entry
    /// <c>InProgress</c> and the agent pulls with its node's CRI or Docker runtime and writes the entry back
    /// (docs/design.md §3, "Edge agents"). Other nodes use the one other backend added on this builder; with none,
    /// they fail with a reason naming the label. Meant for jobs of up to a few hundred nodes, since every agent
    /// watches the job.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="nodeLabel">The label key of nodes that run an agent; validated when the host starts.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public static IImagePrePullBuilder AddEdgeAgents(this IImagePrePullBuilder builder, string nodeLabel = EdgeAgentLabels.Agent)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(nodeLabel);
        builder.Services.AddSingleton(new EdgeAgentRegistration(nodeLabel));
        return builder;
    }
}

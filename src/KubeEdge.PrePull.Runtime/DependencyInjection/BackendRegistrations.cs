using k8s;
using KubeEdge.PrePull.Runtime.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Cri;
using KubeEdge.PrePull.Runtime.Pulling.Docker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KubeEdge.PrePull.Runtime.DependencyInjection;

/// <summary>
/// The registrations the controller's builder and the edge agent's builder share: the cluster client and the
/// node-local pullers (CRI, Docker). One home, so both hosts construct them the same way.
/// </summary>
internal static class BackendRegistrations
{
    /// <summary>Replaces the client (the default one is registered by <c>AddImagePrePull</c>/<c>AddImagePrePullAgent</c>).</summary>
    public static void UseKubernetes(IServiceCollection services, Func<IServiceProvider, IKubernetes> factory) =>
        services.Replace(ServiceDescriptor.Singleton(factory));

    /// <summary>Registers the CRI puller at <paramref name="socketPath"/> as the node-local backend.</summary>
    public static void AddCri(IServiceCollection services, string socketPath, Action<CriImagePullerOptions>? configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(socketPath);
        var options = new CriImagePullerOptions { SocketPath = socketPath };
        configure?.Invoke(options);
        services.AddSingleton(new PullerRegistration("cri"));
        services.TryAddSingleton<IJobPullerFactory>(sp => new NodeLocalPullerFactory(new CriImagePuller(options, sp.GetRequiredService<TimeProvider>())));
    }

    /// <summary>Registers the Docker puller at <paramref name="socketPath"/> as the node-local backend.</summary>
    public static void AddDocker(IServiceCollection services, string socketPath, Action<DockerImagePullerOptions>? configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(socketPath);
        var options = new DockerImagePullerOptions { SocketPath = socketPath };
        configure?.Invoke(options);
        services.AddSingleton(new PullerRegistration("docker"));
        services.TryAddSingleton<IJobPullerFactory>(sp => new NodeLocalPullerFactory(new DockerImagePuller(options, sp.GetRequiredService<TimeProvider>())));
    }
}

using k8s;
using KubeEdge.PrePull.Runtime.ApiServer;
using Microsoft.Extensions.DependencyInjection;

namespace KubeEdge.PrePull.Runtime.DependencyInjection;

/// <summary>
/// The edge agent's connection to the API server (docs/design.md §3 "The edge agent on a small device"): by default
/// made from the client configuration <see cref="KubernetesClientFactory"/> reads (in-cluster, else the kubeconfig),
/// with no <see cref="Kubernetes"/> client constructed; with <c>UseKubernetes(factory)</c> the connection of the
/// client the host registered.
/// </summary>
internal static class AgentConnectionFactory
{
    public static ClusterConnection Default(IServiceProvider services) =>
        ClusterConnection.FromConfiguration(KubernetesClientFactory.DefaultConfiguration());

    /// <exception cref="InvalidOperationException">The host registered an <see cref="IKubernetes"/> that is not a <see cref="Kubernetes"/>.</exception>
    public static ClusterConnection FromRegisteredClient(IServiceProvider services)
    {
        var client = services.GetRequiredService<IKubernetes>();
        return client as Kubernetes is { } kubernetes
            ? ClusterConnection.FromClient(kubernetes)
            : throw new InvalidOperationException(
                $"The edge agent needs a k8s.Kubernetes client (it sends its requests on that client's connection); the host registered a {client.GetType().Name} as IKubernetes. Register UseKubernetes(config) or UseKubernetes(_ => new Kubernetes(config, handlers)).");
    }
}

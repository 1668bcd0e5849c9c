using k8s;

namespace KubeEdge.PrePull.Runtime.DependencyInjection;

/// <summary>The client a host gets without <c>UseKubernetes</c>: in-cluster when running in a pod, else the kubeconfig.</summary>
internal static class KubernetesClientFactory
{
    public static IKubernetes Default(IServiceProvider services) =>
        new Kubernetes(KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile());
}

using System.Runtime.CompilerServices;
using k8s;

namespace KubeEdge.PrePull.Runtime.DependencyInjection;

/// <summary>
/// The client a host gets without <c>UseKubernetes</c>: in-cluster when running in a pod, else the kubeconfig that
/// <c>KUBECONFIG</c> names (its first file, as kubectl reads it), else <c>~/.kube/config</c>.
/// </summary>
internal static class KubernetesClientFactory
{
    public static IKubernetes Default(IServiceProvider services) => new Kubernetes(DefaultConfiguration());

    /// <summary>The configuration <see cref="Default"/> connects with (the edge agent makes its own connection from it, docs/design.md §3).</summary>
    public static KubernetesClientConfiguration DefaultConfiguration()
    {
        if (KubernetesClientConfiguration.IsInCluster())
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("KUBECONFIG")?
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            // Native AOT (the edge agent, docs/design.md §3): KubernetesClient's kubeconfig reader cannot run there.
            return KubeconfigReader.ReadClientConfiguration(fromEnvironment ?? KubernetesClientConfiguration.KubeConfigDefaultLocation);
        }

        return KubernetesClientConfiguration.BuildConfigFromConfigFile(fromEnvironment);
    }
}

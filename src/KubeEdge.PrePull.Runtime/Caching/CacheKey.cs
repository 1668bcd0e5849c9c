using k8s;
using k8s.Models;

namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>Cache keys as client-go forms them: <c>name</c> for cluster-scoped objects, <c>namespace/name</c> otherwise.</summary>
internal static class CacheKey
{
    /// <summary>The key of an object.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>Its key.</returns>
    /// <exception cref="ArgumentException">When the object has no <c>metadata.name</c>.</exception>
    public static string For(IKubernetesObject<V1ObjectMeta> obj)
    {
        var name = obj.Metadata?.Name;
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException($"A {obj.Kind} without metadata.name cannot be cached.", nameof(obj));
        }

        var ns = obj.Metadata!.NamespaceProperty;
        return string.IsNullOrEmpty(ns) ? name : ns + "/" + name;
    }

    /// <summary>The key of a namespaced object.</summary>
    /// <param name="ns">Namespace, or <see langword="null"/> for a cluster-scoped object.</param>
    /// <param name="name">Name.</param>
    /// <returns>Its key.</returns>
    public static string For(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : ns + "/" + name;
}

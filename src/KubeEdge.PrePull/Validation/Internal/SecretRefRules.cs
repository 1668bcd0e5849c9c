using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Names;

namespace KubeEdge.PrePull.Validation.Internal;

/// <summary>Secret references: <c>namespace/name</c>, or a bare <c>name</c> where a default namespace applies (overriders).</summary>
internal static class SecretRefRules
{
    /// <summary>Why <paramref name="value"/> is not a valid reference, or null when it is.</summary>
    public static string? Error(string value, bool allowBareName)
    {
        if (!SecretReference.TryCut(value, out var ns, out var name) || (ns is null && !allowBareName))
        {
            return allowBareName ? "must be \"name\" or \"namespace/name\"" : "must be \"namespace/name\"";
        }

        if (ns is null)
        {
            return NameError(name);
        }

        if (ns.Length == 0)
        {
            return "the namespace is empty";
        }

        if (KubernetesNames.CheckDns1123Label(ns) is { } namespaceError)
        {
            return $"namespace \"{ns}\": {namespaceError}";
        }

        return NameError(name);
    }

    private static string? NameError(string name) =>
        name.Length == 0 ? "the secret name is empty"
        : KubernetesNames.CheckDns1123Subdomain(name) is { } error ? $"secret name \"{name}\": {error}"
        : null;
}

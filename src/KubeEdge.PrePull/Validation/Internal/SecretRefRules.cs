namespace KubeEdge.PrePull.Validation.Internal;

/// <summary>Secret references: <c>namespace/name</c>, or a bare <c>name</c> where a default namespace applies (overriders).</summary>
internal static class SecretRefRules
{
    /// <summary>Why <paramref name="value"/> is not a valid reference, or null when it is.</summary>
    public static string? Error(string value, bool allowBareName)
    {
        var parts = value.Split('/');
        if (parts.Length == 1 && allowBareName)
        {
            return NameError(parts[0]);
        }

        if (parts.Length != 2)
        {
            return allowBareName ? "must be \"name\" or \"namespace/name\"" : "must be \"namespace/name\"";
        }

        if (parts[0].Length == 0)
        {
            return "the namespace is empty";
        }

        if (KubernetesNames.LabelError(parts[0]) is { } namespaceError)
        {
            return $"namespace \"{parts[0]}\": {namespaceError}";
        }

        return NameError(parts[1]);
    }

    private static string? NameError(string name) =>
        name.Length == 0 ? "the secret name is empty"
        : KubernetesNames.SubdomainError(name) is { } error ? $"secret name \"{name}\": {error}"
        : null;
}

namespace KubeEdge.PrePull.Overrides;

/// <summary>Secret references as the job writes them: <c>namespace/name</c>, or a bare name in <c>default</c>.</summary>
internal static class SecretRefs
{
    public const string DefaultNamespace = "default";

    /// <summary>
    /// Splits a reference. A bare name yields a <see langword="null"/> namespace; anything with an empty part or a
    /// second <c>/</c> is rejected.
    /// </summary>
    public static bool TrySplit(string? value, out string? ns, out string name)
    {
        ns = null;
        name = string.Empty;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            name = value;
            return true;
        }

        if (slash == 0 || slash == value.Length - 1 || value.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }

        ns = value[..slash];
        name = value[(slash + 1)..];
        return true;
    }

    /// <summary>The <c>ns/name</c> form of a valid reference (a bare name goes to <c>default</c>).</summary>
    public static string Normalize(string value)
    {
        if (!TrySplit(value, out var ns, out var name))
        {
            throw new ArgumentException($"\"{value}\" is not a secret reference (namespace/name)", nameof(value));
        }

        return ns is null ? DefaultNamespace + "/" + name : value;
    }

    public static string NamespaceOf(string normalized) => normalized[..normalized.IndexOf('/', StringComparison.Ordinal)];

    public static string NameOf(string normalized) => normalized[(normalized.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>Keeps the first occurrence of every reference, in order.</summary>
    public static void RemoveDuplicates(List<string> refs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        refs.RemoveAll(r => !seen.Add(r));
    }
}

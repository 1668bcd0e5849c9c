using KubeEdge.PrePull.Credentials;

namespace KubeEdge.PrePull.Overrides;

/// <summary>One checked secret overrider, acting on a node's ordered set of <c>ns/name</c> references.</summary>
/// <param name="Operation">What it does.</param>
/// <param name="Namespace">The namespace the value names, or <see langword="null"/> for a bare name.</param>
/// <param name="Name">The secret name the value names.</param>
internal sealed record SecretOverride(OverrideOperation Operation, string? Namespace, string Name)
{
    /// <summary>
    /// Edits <paramref name="refs"/> in place, keeping order and dropping duplicates: <c>replace</c> renames every
    /// reference (a <c>ns/name</c> value also moves it to that namespace); <c>add</c> appends a reference (a bare
    /// name lives in <c>default</c>); <c>remove</c> drops the references with that name (with <c>ns/name</c>, only
    /// that one).
    /// </summary>
    public void Apply(List<string> refs)
    {
        switch (Operation)
        {
            case OverrideOperation.Replace:
                for (var i = 0; i < refs.Count; i++)
                {
                    var ns = Namespace ?? SecretReference.NamespaceOf(refs[i]);
                    refs[i] = SecretReference.Format(ns, Name);
                }

                RemoveDuplicates(refs);
                break;
            case OverrideOperation.Add:
                var added = SecretReference.Format(Namespace ?? SecretReference.DefaultNamespace, Name);
                if (!refs.Contains(added, StringComparer.Ordinal))
                {
                    refs.Add(added);
                }

                break;
            case OverrideOperation.Remove:
                refs.RemoveAll(r => string.Equals(SecretReference.NameOf(r), Name, StringComparison.Ordinal)
                    && (Namespace is null || string.Equals(SecretReference.NamespaceOf(r), Namespace, StringComparison.Ordinal)));
                break;
        }
    }

    /// <summary>Keeps the first occurrence of every reference, in order.</summary>
    private static void RemoveDuplicates(List<string> refs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        refs.RemoveAll(r => !seen.Add(r));
    }
}

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
                    var ns = Namespace ?? SecretRefs.NamespaceOf(refs[i]);
                    refs[i] = ns + "/" + Name;
                }

                SecretRefs.RemoveDuplicates(refs);
                break;
            case OverrideOperation.Add:
                var added = (Namespace ?? SecretRefs.DefaultNamespace) + "/" + Name;
                if (!refs.Contains(added, StringComparer.Ordinal))
                {
                    refs.Add(added);
                }

                break;
            case OverrideOperation.Remove:
                refs.RemoveAll(r => string.Equals(SecretRefs.NameOf(r), Name, StringComparison.Ordinal)
                    && (Namespace is null || string.Equals(SecretRefs.NamespaceOf(r), Namespace, StringComparison.Ordinal)));
                break;
        }
    }
}

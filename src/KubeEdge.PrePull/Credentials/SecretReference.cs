using KubeEdge.PrePull.Names;

namespace KubeEdge.PrePull.Credentials;

/// <summary>
/// A reference to a Secret as jobs write it: <c>namespace/name</c>, or a bare <c>name</c> that lives in
/// <see cref="DefaultNamespace"/> (docs/design.md §2). The one place where references are split, defaulted and
/// formatted. Parsing checks the shape only; whether the parts are valid Kubernetes names is the validator's job
/// (<see cref="KubernetesNames"/>).
/// </summary>
public sealed record SecretReference
{
    /// <summary>The namespace of a reference written as a bare name: <c>default</c>, as upstream reads it.</summary>
    public const string DefaultNamespace = "default";

    /// <summary>Creates a reference.</summary>
    /// <param name="namespace">The secret's namespace; not empty, no <c>/</c>.</param>
    /// <param name="name">The secret's name; not empty, no <c>/</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An argument is empty or contains a <c>/</c>.</exception>
    public SecretReference(string @namespace, string name)
    {
        Namespace = CheckPart(@namespace, nameof(@namespace));
        Name = CheckPart(name, nameof(name));
    }

    /// <summary>The secret's namespace.</summary>
    public string Namespace { get; }

    /// <summary>The secret's name.</summary>
    public string Name { get; }

    /// <summary>Parses <c>namespace/name</c>, or a bare <c>name</c> in <see cref="DefaultNamespace"/>.</summary>
    /// <param name="value">The reference as written.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">
    /// <paramref name="value"/> is empty, has an empty part or more than one <c>/</c>; the message quotes it.
    /// </exception>
    public static SecretReference Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var reference)
            ? reference
            : throw new FormatException($"\"{value}\" is not a secret reference (\"name\" or \"namespace/name\")");
    }

    /// <summary>Parses <c>namespace/name</c>, or a bare <c>name</c> in <see cref="DefaultNamespace"/>.</summary>
    /// <param name="value">The reference as written; may be <see langword="null"/>.</param>
    /// <param name="reference">The reference, when the value is one.</param>
    /// <returns>
    /// Whether <paramref name="value"/> is a reference: not empty, no empty part, at most one <c>/</c>.
    /// </returns>
    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SecretReference? reference)
    {
        if (!TrySplit(value, out var ns, out var name))
        {
            reference = null;
            return false;
        }

        reference = new SecretReference(ns ?? DefaultNamespace, name);
        return true;
    }

    /// <summary>The <c>namespace/name</c> form, which status, events and credentials show.</summary>
    /// <returns>For example <c>default/harbor</c>.</returns>
    public override string ToString() => Format(Namespace, Name);

    /// <summary>The <c>namespace/name</c> form of two parts (no checks: snapshots format what the API gave them).</summary>
    internal static string Format(string @namespace, string name) => @namespace + "/" + name;

    /// <summary>
    /// Cuts a value at its one <c>/</c>, keeping empty parts: <paramref name="ns"/> is <see langword="null"/> for a
    /// bare name. False when the value has more than one <c>/</c>. The validator uses this to say which part is wrong.
    /// </summary>
    internal static bool TryCut(string value, out string? ns, out string name)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            (ns, name) = (null, value);
            return true;
        }

        (ns, name) = (value[..slash], value[(slash + 1)..]);
        return value.IndexOf('/', slash + 1) < 0;
    }

    /// <summary>
    /// Splits a reference as written: a bare name yields a <see langword="null"/> namespace (secret overriders give a
    /// bare name a meaning per operation); false when the value is empty, has an empty part or a second <c>/</c>.
    /// </summary>
    internal static bool TrySplit(string? value, out string? ns, out string name)
    {
        if (string.IsNullOrEmpty(value) || !TryCut(value, out ns, out name) || name.Length == 0 || ns?.Length == 0)
        {
            (ns, name) = (null, string.Empty);
            return false;
        }

        return true;
    }

    /// <summary>The namespace of a normalized <c>namespace/name</c> string.</summary>
    internal static string NamespaceOf(string normalized) => normalized[..normalized.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>The name of a normalized <c>namespace/name</c> string.</summary>
    internal static string NameOf(string normalized) => normalized[(normalized.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private static string CheckPart(string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Length == 0 || value.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"must not be empty or contain '/' (was \"{value}\")", paramName);
        }

        return value;
    }
}

namespace KubeEdge.PrePull.Credentials;

/// <summary>
/// Which secrets a job may use (docs/design.md §2, "Secret grants"). A job is cluster-scoped and its author picks the
/// nodes, so naming a secret must not be enough to have it copied next to a pod: a secret is granted when it lives in
/// one of the namespaces the operator allows, or when it carries the opt-in label <see cref="OptInLabel"/> with the
/// value <see cref="OptInValue"/>. Pure: the caller reads what the rule needs (the reference, and the labels only for a
/// secret outside the allowed namespaces) and never reads the data of a refused secret.
/// </summary>
public sealed class SecretGrant
{
    /// <summary>The label a secret outside the allowed namespaces carries to be usable by jobs: <c>prepull.kubeedge.io/allow-prepull</c>.</summary>
    public const string OptInLabel = "prepull.kubeedge.io/allow-prepull";

    /// <summary>The value of <see cref="OptInLabel"/> that grants the secret: <c>true</c>.</summary>
    public const string OptInValue = "true";

    /// <summary>The label selector that matches granted secrets: <c>prepull.kubeedge.io/allow-prepull=true</c>.</summary>
    public const string OptInSelector = OptInLabel + "=" + OptInValue;

    private readonly HashSet<string> _namespaces;

    /// <summary>Creates the rule.</summary>
    /// <param name="namespaces">
    /// The namespaces whose secrets every job may use; repeats are ignored. Only their shape is checked here; hosts
    /// check them as namespace names (<see cref="Names.KubernetesNames.CheckDns1123Label"/>) where they are configured.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="namespaces"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A namespace is empty or contains a <c>/</c>; the message quotes it.</exception>
    public SecretGrant(IEnumerable<string> namespaces)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        _namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ns in namespaces)
        {
            if (string.IsNullOrEmpty(ns) || ns.Contains('/', StringComparison.Ordinal))
            {
                throw new ArgumentException($"secret namespace \"{ns}\" is not a namespace name", nameof(namespaces));
            }

            _namespaces.Add(ns);
        }

        Namespaces = [.. _namespaces.Order(StringComparer.Ordinal)];
    }

    /// <summary>The allowed namespaces, sorted.</summary>
    public IReadOnlyList<string> Namespaces { get; }

    /// <summary>Whether every secret of <paramref name="namespace"/> is granted, labels or not.</summary>
    /// <param name="namespace">The secret's namespace.</param>
    /// <returns>Whether the namespace is allowed.</returns>
    public bool AllowsNamespace(string @namespace) => @namespace is not null && _namespaces.Contains(@namespace);

    /// <summary>Whether a secret is granted.</summary>
    /// <param name="reference">The secret.</param>
    /// <param name="labels">Its labels, when known; <see langword="null"/> when they were not (or could not be) read.</param>
    /// <returns>Whether jobs may use it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reference"/> is <see langword="null"/>.</exception>
    public bool Allows(SecretReference reference, IReadOnlyDictionary<string, string>? labels)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return AllowsNamespace(reference.Namespace) || HasOptIn(labels);
    }

    /// <summary>Why a secret is refused, naming the secret and the rule (never data).</summary>
    /// <param name="reference">The refused secret.</param>
    /// <returns>
    /// For example <c>secret kube-system/x: not in an allowed namespace (default, kubeedge-prepull) and lacks the label
    /// prepull.kubeedge.io/allow-prepull=true</c>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="reference"/> is <see langword="null"/>.</exception>
    public SecretProblem Refusal(SecretReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new SecretProblem(reference.ToString(), $"not in an allowed namespace ({string.Join(", ", Namespaces)}) and lacks the label {OptInSelector}");
    }

    /// <summary>Whether labels carry the opt-in.</summary>
    /// <param name="labels">The labels; <see langword="null"/> for none.</param>
    /// <returns>Whether <see cref="OptInLabel"/> is <see cref="OptInValue"/>.</returns>
    public static bool HasOptIn(IReadOnlyDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue(OptInLabel, out var value) && string.Equals(value, OptInValue, StringComparison.Ordinal);
}

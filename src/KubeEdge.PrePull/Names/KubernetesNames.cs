using System.Text.RegularExpressions;

namespace KubeEdge.PrePull.Names;

/// <summary>
/// Kubernetes' name rules, as apimachinery words them: DNS-1123 subdomains (node and secret names), DNS-1123 labels
/// (namespaces) and label keys. The one copy of each rule: the job validator, label selectors, options validation and
/// the tool all check names here. <c>Check*</c> returns what is wrong, <c>Is*</c> only whether it is.
/// </summary>
public static partial class KubernetesNames
{
    /// <summary>The longest DNS-1123 subdomain: 253 characters.</summary>
    public const int MaxSubdomainLength = 253;

    /// <summary>The longest DNS-1123 label: 63 characters.</summary>
    public const int MaxLabelLength = 63;

    private const string SubdomainRule = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    /// <summary>Checks a DNS-1123 subdomain (the names of nodes, secrets and most objects).</summary>
    /// <param name="value">The name.</param>
    /// <returns>What is wrong (apimachinery's text), or <see langword="null"/> when <paramref name="value"/> is one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static string? CheckDns1123Subdomain(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > MaxSubdomainLength ? $"must be no more than {MaxSubdomainLength} characters"
            : Subdomain().IsMatch(value) ? null
            : SubdomainRule;
    }

    /// <summary>Checks a DNS-1123 label (the names of namespaces).</summary>
    /// <param name="value">The name.</param>
    /// <returns>What is wrong (apimachinery's text), or <see langword="null"/> when <paramref name="value"/> is one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static string? CheckDns1123Label(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > MaxLabelLength ? $"must be no more than {MaxLabelLength} characters"
            : Label().IsMatch(value) ? null
            : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    }

    /// <summary>Checks a label key: an optional DNS-1123 subdomain prefix and <c>/</c>, then a name of at most 63 characters.</summary>
    /// <param name="key">The key.</param>
    /// <returns>What is wrong, naming the key (apimachinery's text), or <see langword="null"/> when it is a key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public static string? CheckLabelKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return LabelSyntax.CheckKey(key);
    }

    /// <summary>Whether a value is a DNS-1123 subdomain (see <see cref="CheckDns1123Subdomain"/>).</summary>
    /// <param name="value">The name; <see langword="null"/> is not one.</param>
    /// <returns>Whether it is one.</returns>
    public static bool IsDns1123Subdomain(string? value) => value is not null && CheckDns1123Subdomain(value) is null;

    /// <summary>Whether a value is a DNS-1123 label (see <see cref="CheckDns1123Label"/>).</summary>
    /// <param name="value">The name; <see langword="null"/> is not one.</param>
    /// <returns>Whether it is one.</returns>
    public static bool IsDns1123Label(string? value) => value is not null && CheckDns1123Label(value) is null;

    /// <summary>Whether a value is a label key (see <see cref="CheckLabelKey"/>).</summary>
    /// <param name="key">The key; <see langword="null"/> is not one.</param>
    /// <returns>Whether it is one.</returns>
    public static bool IsLabelKey(string? key) => key is not null && LabelSyntax.CheckKey(key) is null;

    /// <summary>The subdomain rule's text alone, for messages that name the part at fault (label key prefixes).</summary>
    internal static string SubdomainRuleText => SubdomainRule;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}

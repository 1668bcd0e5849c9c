
namespace KubeEdge.PrePull.Names;

/// <summary>
/// Kubernetes' rules for label keys and values (<c>IsQualifiedName</c> and <c>IsValidLabelValue</c> in
/// apimachinery), returning the same wording so users recognise the messages.
/// </summary>
internal static class LabelSyntax
{
    public const int MaxNameLength = 63;
    public const int MaxPrefixLength = KubernetesNames.MaxSubdomainLength;
    public const int MaxValueLength = 63;

    private const string NameRule = "must " + ConsistRule;
    private const string ConsistRule = "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    /// <summary>Checks a label key: an optional DNS-1123 subdomain prefix (<see cref="KubernetesNames"/>' rule) and <c>/</c>, then a name.</summary>
    /// <returns>What is wrong, or <see langword="null"/> when the key is valid.</returns>
    public static string? CheckKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = key;
        if (slash >= 0)
        {
            var prefix = key[..slash];
            name = key[(slash + 1)..];
            if (prefix.Length == 0)
            {
                return $"invalid label key \"{key}\": prefix part must be non-empty";
            }

            if (prefix.Length > MaxPrefixLength)
            {
                return $"invalid label key \"{key}\": prefix part must be no more than {MaxPrefixLength} characters";
            }

            if (!KubernetesNames.IsDns1123Subdomain(prefix))
            {
                return $"invalid label key \"{key}\": prefix part {KubernetesNames.SubdomainRuleText}";
            }
        }

        if (name.Length == 0)
        {
            return $"invalid label key \"{key}\": name part must be non-empty";
        }

        if (name.Length > MaxNameLength)
        {
            return $"invalid label key \"{key}\": name part must be no more than {MaxNameLength} characters";
        }

        return IsName(name) ? null : $"invalid label key \"{key}\": name part {NameRule}";
    }

    /// <summary>Checks a label value: empty, or at most 63 name characters.</summary>
    /// <returns>What is wrong, or <see langword="null"/> when the value is valid.</returns>
    public static string? CheckValue(string value)
    {
        if (value.Length > MaxValueLength)
        {
            return $"invalid label value \"{value}\": must be no more than {MaxValueLength} characters";
        }

        return value.Length == 0 || IsName(value) ? null : $"invalid label value \"{value}\": a valid label must be an empty string or {ConsistRule}";
    }

    private static bool IsName(string text)
    {
        if (!char.IsAsciiLetterOrDigit(text[0]) || !char.IsAsciiLetterOrDigit(text[^1]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}

using System.Text.RegularExpressions;

namespace KubeEdge.PrePull.Validation.Internal;

/// <summary>Kubernetes' name rules (DNS-1123), for nodes, secrets and namespaces.</summary>
internal static partial class KubernetesNames
{
    private const int MaxSubdomainLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>Why <paramref name="value"/> is not a DNS-1123 subdomain (object names), or null when it is.</summary>
    public static string? SubdomainError(string value) =>
        value.Length > MaxSubdomainLength ? $"must be no more than {MaxSubdomainLength} characters"
        : Subdomain().IsMatch(value) ? null
        : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    /// <summary>Why <paramref name="value"/> is not a DNS-1123 label (namespaces), or null when it is.</summary>
    public static string? LabelError(string value) =>
        value.Length > MaxLabelLength ? $"must be no more than {MaxLabelLength} characters"
        : Label().IsMatch(value) ? null
        : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}

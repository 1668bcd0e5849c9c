using System.ComponentModel.DataAnnotations;
using KubeEdge.PrePull.Names;

namespace KubeEdge.PrePull.Runtime.Options;

/// <summary>
/// A list of namespaces whose secrets jobs may use (docs/design.md §2, "Secret grants"): every entry must be a
/// namespace name, checked with the core's rule (<see cref="KubernetesNames.CheckDns1123Label"/>). Null and empty
/// pass: the host then uses its default namespaces. The message names the field, the index and the value.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
internal sealed class SecretNamespacesAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not IEnumerable<string?> namespaces)
        {
            return value is null ? ValidationResult.Success : new ValidationResult("must be a list of namespace names");
        }

        var field = validationContext?.MemberName ?? "SecretNamespaces";
        var index = 0;
        foreach (var ns in namespaces)
        {
            if (KubernetesNames.CheckDns1123Label(ns ?? string.Empty) is { } error)
            {
                return new ValidationResult($"{field}[{index}] \"{ns}\" must be a namespace name (a DNS-1123 label): {error}", [field]);
            }

            index++;
        }

        return ValidationResult.Success;
    }
}

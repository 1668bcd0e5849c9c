using System.ComponentModel.DataAnnotations;
using KubeEdge.PrePull.Names;

namespace KubeEdge.PrePull.Runtime.Options;

/// <summary>
/// An options property that must be a DNS-1123 subdomain (a node name), checked with the core's rule
/// (<see cref="KubernetesNames.IsDns1123Subdomain"/>). Null and empty pass, as with
/// <see cref="RegularExpressionAttribute"/>: <see cref="RequiredAttribute"/> says when a value is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
internal sealed class Dns1123SubdomainAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is null || (value is string text && (text.Length == 0 || KubernetesNames.IsDns1123Subdomain(text)));
}

using System.Text.RegularExpressions;
using KubeEdge.PrePull.Names;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>Checks <see cref="PodApplyOptions"/> and names the field at fault.</summary>
internal static partial class PodApplyOptionsValidator
{
    /// <summary>Every problem, each naming its field; empty when the options are valid.</summary>
    public static IReadOnlyList<string> Validate(PodApplyOptions options)
    {
        var problems = new List<string>();
        if (!KubernetesNames.IsDns1123Label(options.Namespace))
        {
            problems.Add($"PodApply:Namespace '{options.Namespace}' is not a valid namespace name (lowercase letters, digits and '-', at most 63 characters).");
        }

        if (options.PodNamePrefix is null || options.PodNamePrefix.Length > PodApplyOptions.MaxPodNamePrefixLength || !Prefix().IsMatch(options.PodNamePrefix))
        {
            problems.Add($"PodApply:PodNamePrefix '{options.PodNamePrefix}' must be at most {PodApplyOptions.MaxPodNamePrefixLength} lowercase letters, digits or '-', starting with a letter or digit.");
        }

        if (options.WatchTimeout < TimeSpan.FromSeconds(1))
        {
            problems.Add($"PodApply:WatchTimeout must be at least one second (was {options.WatchTimeout}).");
        }

        if (options.RetryDelay < TimeSpan.Zero)
        {
            problems.Add($"PodApply:RetryDelay must not be negative (was {options.RetryDelay}).");
        }

        if (options.CreateAttempts < 1)
        {
            problems.Add($"PodApply:CreateAttempts must be at least 1 (was {options.CreateAttempts}).");
        }

        return problems;
    }

    [GeneratedRegex("^([a-z0-9][-a-z0-9]*)?$")]
    private static partial Regex Prefix();
}

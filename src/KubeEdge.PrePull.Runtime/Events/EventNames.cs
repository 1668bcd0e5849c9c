using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Runtime.Events;

/// <summary>The <c>generateName</c> of a job's events (docs/design.md §1 "Limits").</summary>
internal static class EventNames
{
    // The prefix leaves room for the API server's random suffix: a 253-character job name would otherwise make every
    // event's name too long (422).
    private const int MaxPrefixLength = ImagePrePullJobLimits.MaxObjectNameLength - ImagePrePullJobLimits.GeneratedNameSuffixLength;

    /// <summary>The job's name and a dot, the name cut (and stripped of a trailing dot or dash) so that a generated name fits in 253 characters.</summary>
    public static string GeneratePrefix(string jobName)
    {
        var stem = jobName.Length + 1 > MaxPrefixLength ? jobName[..(MaxPrefixLength - 1)].TrimEnd('.', '-') : jobName;
        return stem + ".";
    }
}

using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Runtime.Options;

/// <summary>
/// The rules of the registry budget options (docs/design.md §2 "Registry budget") that attributes cannot say: every
/// key of <see cref="ImagePrePullOptions.RegistryConcurrency"/> a registry host, named once, with a value from 0 to
/// <see cref="RegistryBudget.MaxLimit"/>; the back-off's cap not below its start. Each message names the key.
/// </summary>
internal static class RegistryBudgetOptionsRules
{
    public static IEnumerable<string> Problems(ImagePrePullOptions options)
    {
        if (options.RegistryConcurrency is { } limits)
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, limit) in limits)
            {
                if (RegistryBudget.CheckRegistry(key) is { } problem)
                {
                    yield return $"RegistryConcurrency[\"{key}\"]: {problem}.";
                    continue;
                }

                if (limit is < 0 or > RegistryBudget.MaxLimit)
                {
                    yield return $"RegistryConcurrency[\"{key}\"]: {limit} is outside the allowed range 0 to {RegistryBudget.MaxLimit} (0 means no cap).";
                }

                var registry = RegistryBudget.NormalizeRegistry(key);
                if (!seen.TryAdd(registry, key))
                {
                    yield return $"RegistryConcurrency[\"{key}\"]: names the registry {registry} again (as RegistryConcurrency[\"{seen[registry]}\"]).";
                }
            }
        }

        if (options.RegistryBackoffMaxDelay < options.RegistryBackoffInitialDelay)
        {
            yield return $"RegistryBackoffMaxDelay ({options.RegistryBackoffMaxDelay}) must not be shorter than RegistryBackoffInitialDelay ({options.RegistryBackoffInitialDelay}).";
        }
    }
}

using System.Globalization;

namespace KubeEdge.PrePull.Scheduling;

/// <summary>The reasons an image shows while it waits for its registry (docs/design.md §2 "Registry budget").</summary>
internal static class RegistryReasons
{
    public static string WaitingForSlot(string registry, int limit) =>
        $"waiting for a pull slot of registry {registry} (its budget of {limit} pulls in flight is in use)";

    public static string WaitingForBackoff(string registry, DateTimeOffset until) =>
        string.Create(CultureInfo.InvariantCulture, $"waiting for registry {registry}: it answered 429 Too Many Requests, no pulls before {until.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
}

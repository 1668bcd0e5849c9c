using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Controller;

/// <summary>The controller's messages about the registry budget (docs/design.md §2 "Registry budget"), ids 270-279.</summary>
internal static partial class Log
{
    [LoggerMessage(270, LogLevel.Warning, "Registry {Registry} answered 429 Too Many Requests: no new pulls to it for {DelaySeconds:0.###}s, until {Until:O}")]
    public static partial void RegistryBackedOff(ILogger logger, string registry, double delaySeconds, DateTimeOffset until);
}

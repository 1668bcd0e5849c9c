namespace KubeEdge.PrePull.Pulling;

/// <summary>Usage thresholds of the check items, in percent; a check fails when usage is above its threshold.</summary>
public sealed record CheckThresholds
{
    /// <summary>The default threshold of every item: 80 %, as upstream.</summary>
    public const double DefaultPercent = 80;

    /// <summary>Disk usage threshold. Default: <see cref="DefaultPercent"/>.</summary>
    public double DiskPercent { get; init; } = DefaultPercent;

    /// <summary>Memory usage threshold. Default: <see cref="DefaultPercent"/>.</summary>
    public double MemPercent { get; init; } = DefaultPercent;

    /// <summary>CPU usage threshold. Default: <see cref="DefaultPercent"/>.</summary>
    public double CpuPercent { get; init; } = DefaultPercent;

    /// <summary>The defaults.</summary>
    public static CheckThresholds Default { get; } = new();
}

namespace KubeEdge.PrePull.Api;

/// <summary>The checks a node runs before pulling (upstream's constants).</summary>
public static class CheckItems
{
    /// <summary>Disk usage of the image filesystem.</summary>
    public const string Disk = "disk";

    /// <summary>Memory usage.</summary>
    public const string Mem = "mem";

    /// <summary>CPU usage.</summary>
    public const string Cpu = "cpu";

    /// <summary>All of them.</summary>
    public static IReadOnlyList<string> All { get; } = [Disk, Mem, Cpu];
}

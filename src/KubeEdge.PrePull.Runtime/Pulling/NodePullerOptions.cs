namespace KubeEdge.PrePull.Runtime.Pulling;

/// <summary>
/// Settings shared by the pullers that talk to a container runtime on the node itself (CRI, Docker). Plain and
/// bindable; the puller copies and validates them when it is constructed.
/// </summary>
public abstract class NodePullerOptions
{
    /// <summary>Default of <see cref="PullTimeout"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultPullTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Default of <see cref="ProbeTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default of <see cref="CpuSampleInterval"/>: 250 milliseconds.</summary>
    public static readonly TimeSpan DefaultCpuSampleInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Default of <see cref="ProcPath"/>: <c>/proc</c>.</summary>
    public const string DefaultProcPath = "/proc";

    /// <summary>Only the pullers of this library derive from this class.</summary>
    private protected NodePullerOptions()
    {
    }

    /// <summary>
    /// The longest one pull (all its credential attempts) may take before it fails with
    /// <see cref="KubeEdge.PrePull.Pulling.PullFailureKind.Timeout"/>; the node's own timeout, which cancels the
    /// call, still applies. Default: <see cref="DefaultPullTimeout"/>.
    /// </summary>
    public TimeSpan PullTimeout { get; set; } = DefaultPullTimeout;

    /// <summary>The longest the readiness probe of the runtime may take. Default: <see cref="DefaultProbeTimeout"/>.</summary>
    public TimeSpan ProbeTimeout { get; set; } = DefaultProbeTimeout;

    /// <summary>
    /// Where the host's procfs is mounted, read by the <c>mem</c> and <c>cpu</c> checks (set it to e.g.
    /// <c>/host/proc</c> in a container). Default: <see cref="DefaultProcPath"/>.
    /// </summary>
    public string ProcPath { get; set; } = DefaultProcPath;

    /// <summary>How long the <c>cpu</c> check samples <c>/proc/stat</c>. Default: <see cref="DefaultCpuSampleInterval"/>.</summary>
    public TimeSpan CpuSampleInterval { get; set; } = DefaultCpuSampleInterval;

    /// <summary>
    /// Reads the free bytes of the image filesystem at a path, for the <c>disk</c> item's size comparison
    /// (docs/design.md §2 "Check items"); <see langword="null"/> (default) asks the filesystem. Tests set it to
    /// simulate a small disk.
    /// </summary>
    public Func<string, long>? FreeSpaceReader { get; set; }

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    internal virtual void Validate()
    {
        RequirePositive(PullTimeout, nameof(PullTimeout));
        RequirePositive(ProbeTimeout, nameof(ProbeTimeout));
        RequirePositive(CpuSampleInterval, nameof(CpuSampleInterval));
        if (string.IsNullOrWhiteSpace(ProcPath))
        {
            throw new ArgumentException($"{GetType().Name}.{nameof(ProcPath)} must not be empty.", nameof(ProcPath));
        }
    }

    private protected void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{GetType().Name}.{name} must be a positive time span, not {value}.", name);
        }
    }

    private protected void RequireSocketPath(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value) || !Path.IsPathRooted(value))
        {
            throw new ArgumentException($"{GetType().Name}.{name} must be an absolute path to a Unix socket, not '{value}'.", name);
        }
    }
}

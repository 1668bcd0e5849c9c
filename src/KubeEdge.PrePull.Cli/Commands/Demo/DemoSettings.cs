namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>The demo's options after parsing and validation.</summary>
internal sealed record DemoSettings
{
    public const int DefaultNodes = 500;
    public const int MaxNodes = 100_000;
    public const int DefaultConcurrency = 50;
    public const int MaxConcurrency = 10_000;
    public const double DefaultFailureRate = 0.02;
    public const int DefaultSeed = 1;
    public const int MaxDeadlineSeconds = 540;

    /// <summary>Edge nodes the job selects (embedded fleet only); a few of them are NotReady.</summary>
    public int Nodes { get; init; } = DefaultNodes;

    /// <summary>The job's <c>concurrency</c>.</summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>The share of simulated pulls that fail with a registry error, in [0, 1].</summary>
    public double FailureRate { get; init; } = DefaultFailureRate;

    /// <summary>Seeds the simulated pull latencies and failures, so a run can be repeated exactly.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>
    /// The job's <c>completionPolicy.activeDeadlineSeconds</c> (<c>--deadline</c>); on the embedded fleet some NotReady
    /// nodes then come back online during the run and are pulled, the rest fail at the deadline. <see langword="null"/>: none.
    /// </summary>
    public int? DeadlineSeconds { get; init; }

    /// <summary>Where the final status is written; a new temp directory when <see langword="null"/>.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>A real cluster to run the job on instead of the embedded server and fleet.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>
    /// A runtime the simulated kubelets pull through for real, from the demo's own loopback registries, instead of
    /// simulated pulls; <see langword="null"/> for simulated pulls.
    /// </summary>
    public RealRuntime? Runtime { get; init; }

    /// <summary>
    /// Keeps the embedded API server and the controller running after the job until SIGINT or SIGTERM, for kubectl.
    /// </summary>
    public bool Keep { get; init; }
}

using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Runtime.LeaderElection;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Runtime.Options;

/// <summary>
/// The controller's settings, bindable from configuration (section <c>ImagePrePull</c> in the sample). Every default
/// is a named constant; the values are validated when the host starts.
/// </summary>
public sealed class ImagePrePullOptions : INodePullTuning
{
    /// <summary>The namespace of the pods and copied secrets: <c>kubeedge-prepull</c>.</summary>
    public const string DefaultPodNamespace = "kubeedge-prepull";

    /// <summary>The edge label: <c>node-role.kubernetes.io/edge</c>.</summary>
    public const string DefaultEdgeLabel = "node-role.kubernetes.io/edge";

    /// <summary>Status writes per job are at most one per second by default.</summary>
    public const string DefaultStatusFlushIntervalText = "00:00:01";

    /// <summary>The shortest flush interval accepted: 10 ms.</summary>
    public const string MinStatusFlushIntervalText = "00:00:00.010";

    /// <summary>The longest flush interval accepted: 1 minute.</summary>
    public const string MaxStatusFlushIntervalText = "00:01:00";

    /// <summary>Jobs with at most 1,000 nodes list every node in their status by default.</summary>
    public const int DefaultDetailLimit = 1_000;

    /// <summary>The largest detail limit accepted: 10,000 nodes (more would not fit the 1 MiB status anyway).</summary>
    public const int MaxDetailLimit = 10_000;

    /// <summary>Check items fail above 80 % usage by default.</summary>
    public const double DefaultThresholdPercent = 80;

    /// <summary>Images of one node pulled at once by default: 1 (in spec order).</summary>
    public const int DefaultImageParallelism = 1;

    /// <summary>The most images of one node pulled at once: 16.</summary>
    public const int MaxImageParallelism = 16;

    /// <summary>The first back-off of a registry that answered 429 without <c>Retry-After</c>: 5 s.</summary>
    public const string DefaultRegistryBackoffInitialDelayText = "00:00:05";

    /// <summary>The longest back-off of a registry that answered 429 without <c>Retry-After</c>: 5 min.</summary>
    public const string DefaultRegistryBackoffMaxDelayText = "00:05:00";

    /// <summary>The shortest registry back-off accepted: 10 ms.</summary>
    public const string MinRegistryBackoffText = "00:00:00.010";

    /// <summary>The longest registry back-off accepted: 1 h.</summary>
    public const string MaxRegistryBackoffText = "01:00:00";

    // RangeAttribute(Type, ...) warns that a generic TypeConverter may be trimmed; TimeSpan's converter is not generic
    // and the validator is source-generated ([OptionsValidator]), so these ranges are trim- and AOT-safe (§3).
    private const string TimeSpanRangeIsTrimSafe = "TimeSpan's TypeConverter is not generic and the validator is source-generated.";

    /// <summary>The namespace of the pods and copied secrets. Default: <see cref="DefaultPodNamespace"/>.</summary>
    [Required]
    [Dns1123Label(ErrorMessage = "PodNamespace must be a DNS-1123 label (lower case letters, digits and '-', at most 63 characters).")]
    public string PodNamespace { get; set; } = DefaultPodNamespace;

    /// <summary>
    /// The namespaces whose secrets every job may use (docs/design.md §2, "Secret grants"); a secret elsewhere is used
    /// only when it carries the label <c>prepull.kubeedge.io/allow-prepull=true</c>, else it is refused with a
    /// <c>SecretNotAllowed</c> warning and its images go on without it. Default (empty): <see cref="PodNamespace"/>
    /// (where the controller runs in <c>deploy/</c>) and <c>default</c> (where a bare secret name points). Each entry
    /// must be a namespace name. Give the edge agents the same list.
    /// </summary>
    [SecretNamespaces]
    public IList<string> SecretNamespaces { get; } = [];

    /// <summary>Whether the controller creates or updates the ImagePrePullJob CRD when it starts. Default: <see langword="false"/>.</summary>
    public bool InstallCrdOnStart { get; set; }

    /// <summary>Whether only nodes with the edge label may run a job (upstream's rule). Default: <see langword="true"/>; switch it off for plain Kubernetes.</summary>
    public bool RequireEdgeLabel { get; set; } = true;

    /// <summary>The label an edge node carries with the value <c>""</c>. Default: <see cref="DefaultEdgeLabel"/>.</summary>
    [Required]
    public string EdgeLabel { get; set; } = DefaultEdgeLabel;

    /// <summary>The shortest time between two status writes of one job (the final write is never delayed). Default: 1 s.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRangeIsTrimSafe)]
    [Range(typeof(TimeSpan), MinStatusFlushIntervalText, MaxStatusFlushIntervalText)]
    public TimeSpan StatusFlushInterval { get; set; } = TimeSpan.Parse(DefaultStatusFlushIntervalText, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Above this many nodes a job's status keeps only non-successful nodes. Default: <see cref="DefaultDetailLimit"/>.</summary>
    [Range(0, MaxDetailLimit)]
    public int DetailLimit { get; set; } = DefaultDetailLimit;

    /// <summary>Disk usage (percent) above which the <c>disk</c> check fails. Default: <see cref="DefaultThresholdPercent"/>.</summary>
    [Range(0d, 100d)]
    public double DiskThresholdPercent { get; set; } = DefaultThresholdPercent;

    /// <summary>Memory usage (percent) above which the <c>mem</c> check fails. Default: <see cref="DefaultThresholdPercent"/>.</summary>
    [Range(0d, 100d)]
    public double MemThresholdPercent { get; set; } = DefaultThresholdPercent;

    /// <summary>CPU usage (percent) above which the <c>cpu</c> check fails. Default: <see cref="DefaultThresholdPercent"/>.</summary>
    [Range(0d, 100d)]
    public double CpuThresholdPercent { get; set; } = DefaultThresholdPercent;

    /// <summary>How many images of one node are pulled at the same time. Default: <see cref="DefaultImageParallelism"/>.</summary>
    [Range(1, MaxImageParallelism)]
    public int ImageParallelism { get; set; } = DefaultImageParallelism;

    /// <summary>
    /// The most pulls in flight per registry host, across all jobs of the controller (docs/design.md §2 "Registry
    /// budget"); 0 for no cap. Keys are hosts as images name them after overrides (<c>harbor.example.com</c>,
    /// <c>docker.io</c> for Docker Hub); in configuration a port is written after <c>_</c>
    /// (<c>ImagePrePull:RegistryConcurrency:127.0.0.1_5000</c>), since <c>:</c> separates sections. Values from 0 to
    /// 10,000. Default: empty (only <see cref="DefaultRegistryConcurrency"/> applies).
    /// </summary>
    public IDictionary<string, int> RegistryConcurrency { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The most pulls in flight to a registry without an entry in <see cref="RegistryConcurrency"/>. Default: 0, no cap.</summary>
    [Range(0, RegistryBudget.MaxLimit)]
    public int DefaultRegistryConcurrency { get; set; }

    /// <summary>
    /// The first fleet-wide back-off of a registry that answered 429 / <c>toomanyrequests</c> without a
    /// <c>Retry-After</c> the backend could see; it doubles for each such answer in a row (plus up to 20 % jitter).
    /// Default: 5 s.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRangeIsTrimSafe)]
    [Range(typeof(TimeSpan), MinRegistryBackoffText, MaxRegistryBackoffText)]
    public TimeSpan RegistryBackoffInitialDelay { get; set; } = TimeSpan.Parse(DefaultRegistryBackoffInitialDelayText, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The longest such back-off, jitter included; at least <see cref="RegistryBackoffInitialDelay"/>. Default: 5 min.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TimeSpanRangeIsTrimSafe)]
    [Range(typeof(TimeSpan), MinRegistryBackoffText, MaxRegistryBackoffText)]
    public TimeSpan RegistryBackoffMaxDelay { get; set; } = TimeSpan.Parse(DefaultRegistryBackoffMaxDelayText, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether replicas elect a leader with a Lease (only the leader runs jobs). Default: <see langword="true"/>.</summary>
    public bool LeaderElectionEnabled { get; set; } = true;

    /// <summary>The Lease and its timings, used when <see cref="LeaderElectionEnabled"/> is set.</summary>
    public LeaderElectionOptions LeaderElection { get; set; } = new();

    /// <summary>The secret rule of these options: <see cref="SecretNamespaces"/>, or its default when empty.</summary>
    internal SecretGrant SecretGrant() =>
        new(SecretNamespaces.Count > 0 ? SecretNamespaces : [PodNamespace, SecretReference.DefaultNamespace]);

    /// <summary>The fleet-wide registry budget of these options (validated beforehand), reporting to <paramref name="listener"/>.</summary>
    internal RegistryBudget CreateRegistryBudget(TimeProvider time, IRegistryBudgetListener? listener) => new(
        new Dictionary<string, int>(RegistryConcurrency, StringComparer.OrdinalIgnoreCase),
        DefaultRegistryConcurrency,
        new RetryBackoff(RegistryBackoffInitialDelay, RegistryBackoffMaxDelay, BackoffGrowth.Exponential, 0, 0.2),
        time,
        listener);
}

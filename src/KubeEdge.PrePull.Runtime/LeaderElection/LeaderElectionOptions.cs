namespace KubeEdge.PrePull.Runtime.LeaderElection;

/// <summary>
/// Leader election on a <c>coordination.k8s.io/v1</c> Lease: only the replica holding the lease runs jobs.
/// The durations mean what they mean in client-go and must satisfy
/// <see cref="LeaseDuration"/> &gt; <see cref="RenewDeadline"/> &gt; 1.2 x <see cref="RetryPeriod"/>.
/// </summary>
public sealed class LeaderElectionOptions
{
    /// <summary>Default of <see cref="LeaseName"/>.</summary>
    public const string DefaultLeaseName = "kubeedge-prepull-controller";

    /// <summary>Default of <see cref="LeaseNamespace"/>: <c>kube-system</c>, which exists in every cluster.</summary>
    public const string DefaultLeaseNamespace = "kube-system";

    /// <summary>Default of <see cref="LeaseDuration"/>: 15 seconds.</summary>
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromSeconds(15);

    /// <summary>Default of <see cref="RenewDeadline"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultRenewDeadline = TimeSpan.FromSeconds(10);

    /// <summary>Default of <see cref="RetryPeriod"/>: 2 seconds.</summary>
    public static readonly TimeSpan DefaultRetryPeriod = TimeSpan.FromSeconds(2);

    /// <summary>The Lease's name (default <see cref="DefaultLeaseName"/>); every replica of one controller uses the same.</summary>
    public string LeaseName { get; set; } = DefaultLeaseName;

    /// <summary>
    /// The Lease's namespace (default <see cref="DefaultLeaseNamespace"/>). When it does not exist yet (a fresh
    /// cluster), the controller creates it before it takes the Lease, which needs <c>create</c> on
    /// <c>namespaces</c>; a namespace that already exists needs no such permission.
    /// </summary>
    public string LeaseNamespace { get; set; } = DefaultLeaseNamespace;

    /// <summary>
    /// This replica's identity in the Lease's <c>holderIdentity</c>, unique per replica. Default
    /// (<see langword="null"/>): the host name (the pod name in a cluster) plus <c>_</c> and a random suffix.
    /// </summary>
    public string? Identity { get; set; }

    /// <summary>
    /// How long others wait, after they last saw the Lease change, before taking it over (default
    /// <see cref="DefaultLeaseDuration"/>). Measured on each candidate's own clock, so clock skew does not matter.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = DefaultLeaseDuration;

    /// <summary>How long the leader keeps trying to renew before it gives leadership up (default <see cref="DefaultRenewDeadline"/>).</summary>
    public TimeSpan RenewDeadline { get; set; } = DefaultRenewDeadline;

    /// <summary>
    /// Whether a leader that stops (its token is cancelled or its work returns) clears the Lease's holder, so
    /// another replica takes over at once instead of after <see cref="LeaseDuration"/> (default <see langword="true"/>).
    /// Set it to <see langword="false"/> when work may outlive the stop, e.g. a process that is killed right after.
    /// </summary>
    public bool ReleaseOnCancel { get; set; } = true;

    /// <summary>How often the leader renews and candidates try to acquire (default <see cref="DefaultRetryPeriod"/>; candidates add jitter).</summary>
    public TimeSpan RetryPeriod { get; set; } = DefaultRetryPeriod;
}

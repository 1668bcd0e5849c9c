namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>
/// Options of the PodApply backend: per node, a pod bound to the node with one container per image, whose
/// container statuses tell whether the kubelet pulled each image.
/// </summary>
public sealed class PodApplyOptions
{
    /// <summary>Default of <see cref="Namespace"/>.</summary>
    public const string DefaultNamespace = "kubeedge-prepull";

    /// <summary>Default of <see cref="PodNamePrefix"/>.</summary>
    public const string DefaultPodNamePrefix = "prepull-";

    /// <summary>Longest <see cref="PodNamePrefix"/>, so that job and node stay readable in the 63-character name.</summary>
    public const int MaxPodNamePrefixLength = 20;

    /// <summary>
    /// Default of <see cref="ContainerCommand"/>: a path that exists in no image. The kubelet pulls the image,
    /// creates the container, and the start fails at once (<c>StartError</c> / <c>RunContainerError</c>): no code of
    /// the image ever runs, no shell is needed (distroless and scratch images work), and with
    /// <c>restartPolicy: Never</c> nothing restarts. A container that fails to start was pulled, so it counts as pulled.
    /// </summary>
    public const string DefaultContainerCommand = "/kubeedge-prepull/pulled";

    /// <summary>Default of <see cref="CpuRequest"/>.</summary>
    public const string DefaultCpuRequest = "10m";

    /// <summary>Default of <see cref="MemoryRequest"/>.</summary>
    public const string DefaultMemoryRequest = "16Mi";

    /// <summary>Default of <see cref="WatchTimeout"/>: five minutes.</summary>
    public static readonly TimeSpan DefaultWatchTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Default of <see cref="RetryDelay"/>: one second.</summary>
    public static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Default of <see cref="CreateAttempts"/>.</summary>
    public const int DefaultCreateAttempts = 5;

    /// <summary>The namespace of the pods and of copied secrets (default <see cref="DefaultNamespace"/>).</summary>
    public string Namespace { get; set; } = DefaultNamespace;

    /// <summary>Whether the namespace is created when missing (default <see langword="true"/>).</summary>
    public bool CreateNamespace { get; set; } = true;

    /// <summary>Prefix of pod and copied-secret names; lowercase letters, digits and '-' (default <see cref="DefaultPodNamePrefix"/>).</summary>
    public string PodNamePrefix { get; set; } = DefaultPodNamePrefix;

    /// <summary>
    /// The command of every container (default one element, <see cref="DefaultContainerCommand"/>). Empty keeps the
    /// image's own entrypoint, which then runs on the node until the pod is deleted.
    /// </summary>
    public IList<string> ContainerCommand { get; } = [DefaultContainerCommand];

    /// <summary>CPU request and limit of each container; empty for none (default <see cref="DefaultCpuRequest"/>).</summary>
    public string? CpuRequest { get; set; } = DefaultCpuRequest;

    /// <summary>Memory request and limit of each container; empty for none (default <see cref="DefaultMemoryRequest"/>).</summary>
    public string? MemoryRequest { get; set; } = DefaultMemoryRequest;

    /// <summary>How long one watch of a pod lasts before it is renewed (default <see cref="DefaultWatchTimeout"/>).</summary>
    public TimeSpan WatchTimeout { get; set; } = DefaultWatchTimeout;

    /// <summary>Delay before re-watching after an API error, or re-creating a pod still being deleted (default <see cref="DefaultRetryDelay"/>).</summary>
    public TimeSpan RetryDelay { get; set; } = DefaultRetryDelay;

    /// <summary>How many times a pod or secret create is tried when a leftover is in the way (default <see cref="DefaultCreateAttempts"/>).</summary>
    public int CreateAttempts { get; set; } = DefaultCreateAttempts;
}

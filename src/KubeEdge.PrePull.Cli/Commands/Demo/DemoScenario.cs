using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Testing.Fleet;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>
/// What the demo runs: three images from two private registries, a secret per registry, three regions of which two
/// pull through a regional mirror with its own secret (hangzhou's only for the first registry's images, falling back
/// to it for the one image the mirror lacks), and the v1alpha2 job that says all of that. The registries
/// are the example hosts of <see cref="Simulated"/>, or the demo's own loopback registries (<see cref="Local"/>).
/// </summary>
/// <param name="Harbor">The first registry's account (two of the images).</param>
/// <param name="Org">The second registry's account (the third image).</param>
/// <param name="Mirrors">The regions that pull through a mirror, with the mirror's account.</param>
internal sealed record DemoScenario(RegistryAccount Harbor, RegistryAccount Org, IReadOnlyList<RegionMirror> Mirrors)
{
    public const string JobName = "prepull-demo";
    public const string SecretNamespace = SecretReference.DefaultNamespace;

    /// <summary>Marks what the demo creates, so a second run on a real cluster replaces its own secrets and nobody else's.</summary>
    public const string CreatedByLabel = "app.kubernetes.io/created-by";
    public const string CreatedBy = "kubeedge-prepull-demo";

    /// <summary>Nodes outside the edge role, registered so the demo shows that the selector leaves them alone.</summary>
    public const int NonEdgeNodes = 3;
    public const string NonEdgeNamePrefix = "cloud-node-";

    /// <summary>Above this share of failed nodes the job stops dispatching and ends in Failure.</summary>
    public const string FailureTolerate = "0.1";

    public static IReadOnlyList<string> Regions { get; } = ["hangzhou", "shanghai", "beijing"];

    /// <summary>The images without their registry: repository and tag, with the registry (Harbor or Org) that holds them.</summary>
    public static IReadOnlyList<(bool OnHarbor, string Repository, string Tag)> ImagePaths { get; } =
    [
        (true, "edge/inference-server", "v2.4.1"),
        (true, "edge/log-forwarder", "1.9.3"),
        (false, "iot/mqtt-bridge", "3.2.0"),
    ];

    /// <summary>
    /// The image the hangzhou mirror lacks (docs/design.md §2 "Overrides"): hangzhou's rule covers the first
    /// registry's images and falls back to that registry, so its nodes still get it.
    /// </summary>
    public static (string Repository, string Tag) MissingOnHangzhouMirror { get; } = ("edge/log-forwarder", "1.9.3");

    /// <summary>The scenario of simulated pulls, on example hosts that are never contacted.</summary>
    public static DemoScenario Simulated { get; } = Create("harbor.example.com", "registry.example.org", "hangzhou.mirror.example.com", "shanghai.mirror.example.com");

    /// <summary>The images as the job lists them.</summary>
    public IReadOnlyList<string> Images => [.. ImagePaths.Select(i => $"{(i.OnHarbor ? Harbor : Org).Registry}/{i.Repository}:{i.Tag}")];

    /// <summary>The reference hangzhou's nodes ask its mirror for and do not get (<see cref="MissingOnHangzhouMirror"/>).</summary>
    public string MissingMirrorImage => $"{Mirrors[0].Mirror.Registry}/{MissingOnHangzhouMirror.Repository}:{MissingOnHangzhouMirror.Tag}";

    /// <summary>Every secret the demo creates: one per registry, one per regional mirror (in this order, whatever the hosts).</summary>
    public IReadOnlyList<RegistryAccount> Accounts => [Harbor, Org, .. Mirrors.Select(m => m.Mirror)];

    /// <summary>
    /// The scenario on two real registries: each also serves as the other region's mirror (it holds every image and
    /// accepts the mirror account), so the override is real without a third and fourth registry.
    /// </summary>
    public static DemoScenario Local(string harbor, string org) => Create(harbor, org, hangzhouMirror: org, shanghaiMirror: harbor);

    /// <summary>
    /// A few NotReady nodes (1 %, at least one once the fleet has ten nodes), so failures show up in the status; with a
    /// deadline at least two, so one can come back online during the run and one stay offline.
    /// </summary>
    public static int NotReadyNodes(int nodes, bool deadline = false) => nodes < 10 ? 0 : Math.Max(deadline ? 2 : 1, nodes / 100);

    public ImagePrePullJob Job(string name, int concurrency, int? deadlineSeconds = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { [CreatedByLabel] = CreatedBy } },
        Spec = new ImagePrePullJobSpec
        {
            ImagePrePullTemplate = new ImagePrePullTemplate
            {
                Images = [.. Images],
                LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [NodeFleetOptions.EdgeRoleLabel] = string.Empty } },
                CheckItems = [CheckItems.Disk],
                FailureTolerate = FailureTolerate,
                Concurrency = concurrency,
                TimeoutSeconds = 120,

                // The simulated kubelets, like the kubelet's back-off, do not report a second failure of the same
                // pod within the node's time, so a retry would only wait for the timeout: failures are final here.
                RetryTimes = 0,
                PullSecrets = [Harbor.SecretRef, Org.SecretRef],
                ImagePullPolicy = ImagePullPolicies.IfNotPresent,
            },
            ImagePrePullOverriders = [.. Mirrors.Select(m => Override(m, m == Mirrors[0] ? Harbor.Registry + "/" : null))],
            CompletionPolicy = deadlineSeconds is { } deadline ? new CompletionPolicy { ActiveDeadlineSeconds = deadline } : null,
        },
    };

    private static DemoScenario Create(string harbor, string org, string hangzhouMirror, string shanghaiMirror) => new(
        new RegistryAccount("harbor-secret", harbor, "robot$edge-pull"),
        new RegistryAccount("org-secret", org, "edge-puller"),
        [
            new("hangzhou", new RegistryAccount("hangzhou-mirror-secret", hangzhouMirror, "mirror-pull")),
            new("shanghai", new RegistryAccount("shanghai-mirror-secret", shanghaiMirror, "mirror-pull")),
        ]);

    // Hangzhou's mirror serves only the first registry's images (scoped, with a fallback to that registry, since the
    // mirror lacks one); shanghai's mirror takes every image.
    private static ImagePrePullOverrider Override(RegionMirror mirror, string? prefix) => new()
    {
        NodeLabel = $"{NodeFleetOptions.RegionLabel}={mirror.Region}",
        ImagePrefixes = prefix is null ? null : [prefix],
        FallbackToOriginal = prefix is null ? null : true,
        Overriders = new Overriders
        {
            ImageOverriders = [new ImageOverrider { Component = ImageComponents.Registry, Operator = OverriderOperators.Replace, Value = mirror.Mirror.Registry }],
            SecretOverriders = [new SecretOverrider { Component = SecretComponents.SecretName, Operator = OverriderOperators.Replace, Value = mirror.Mirror.SecretName }],
        },
    };
}

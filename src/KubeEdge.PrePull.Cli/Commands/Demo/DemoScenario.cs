using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Testing.Fleet;

namespace KubeEdge.PrePull.Cli.Commands.Demo;

/// <summary>
/// What the demo runs: three images from two private registries, a secret per registry, three regions of which two
/// pull through a regional mirror with its own secret, and the v1alpha2 job that says all of that.
/// </summary>
internal static class DemoScenario
{
    public const string JobName = "prepull-demo";
    public const string SecretNamespace = "default";

    /// <summary>Marks what the demo creates, so a second run on a real cluster replaces its own secrets and nobody else's.</summary>
    public const string CreatedByLabel = "app.kubernetes.io/created-by";
    public const string CreatedBy = "kubeedge-prepull-demo";

    /// <summary>Nodes outside the edge role, registered so the demo shows that the selector leaves them alone.</summary>
    public const int NonEdgeNodes = 3;
    public const string NonEdgeNamePrefix = "cloud-node-";

    /// <summary>Above this share of failed nodes the job stops dispatching and ends in Failure.</summary>
    public const string FailureTolerate = "0.1";

    public static readonly RegistryAccount Harbor = new("harbor-secret", "harbor.example.com", "robot$edge-pull");
    public static readonly RegistryAccount Org = new("org-secret", "registry.example.org", "edge-puller");

    public static IReadOnlyList<string> Regions { get; } = ["hangzhou", "shanghai", "beijing"];

    public static IReadOnlyList<string> Images { get; } =
    [
        "harbor.example.com/edge/inference-server:v2.4.1",
        "harbor.example.com/edge/log-forwarder:1.9.3",
        "registry.example.org/iot/mqtt-bridge:3.2.0",
    ];

    public static IReadOnlyList<RegionMirror> Mirrors { get; } =
    [
        new("hangzhou", new RegistryAccount("hangzhou-mirror-secret", "hangzhou.mirror.example.com", "mirror-pull")),
        new("shanghai", new RegistryAccount("shanghai-mirror-secret", "shanghai.mirror.example.com", "mirror-pull")),
    ];

    /// <summary>Every secret the demo creates: one per registry, one per regional mirror.</summary>
    public static IReadOnlyList<RegistryAccount> Accounts { get; } = [Harbor, Org, .. Mirrors.Select(m => m.Mirror)];

    /// <summary>A few NotReady nodes (1 %, at least one once the fleet has ten nodes), so failures show up in the status.</summary>
    public static int NotReadyNodes(int nodes) => nodes < 10 ? 0 : Math.Max(1, nodes / 100);

    public static ImagePrePullJob Job(string name, int concurrency) => new()
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
            ImagePrePullOverriders = [.. Mirrors.Select(Override)],
        },
    };

    private static ImagePrePullOverrider Override(RegionMirror mirror) => new()
    {
        NodeLabel = $"{NodeFleetOptions.RegionLabel}={mirror.Region}",
        Overriders = new Overriders
        {
            ImageOverriders = [new ImageOverrider { Component = ImageComponents.Registry, Operator = OverriderOperators.Replace, Value = mirror.Mirror.Registry }],
            SecretOverriders = [new SecretOverrider { Component = SecretComponents.SecretName, Operator = OverriderOperators.Replace, Value = mirror.Mirror.SecretName }],
        },
    };
}

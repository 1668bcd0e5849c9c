using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Cli.Tests.Commands;

/// <summary>Paths of the example jobs and of the nodes and secrets files the plan tests read.</summary>
internal static class PlanTestData
{
    /// <summary>The marker every password and token of <see cref="Secrets"/> contains: no output may show it.</summary>
    public const string PasswordMarker = "PLAN-TEST-PASSWORD-MARKER";

    public static string MultiRegistryJob => Path.Combine(RepoPaths.RepoRoot, "deploy", "examples", "multi-registry.yaml");

    public static string UpstreamJob => Path.Combine(RepoPaths.RepoRoot, "deploy", "examples", "upstream-v1alpha1.yaml");

    /// <summary>A <c>kubectl get nodes -o yaml</c> List: shanghai (edgenode1, edge-shanghai-1/2), hangzhou (edge-hangzhou-1/2, -3 NotReady), cloud-master (no edge label).</summary>
    public static string Nodes => File("nodes.yaml");

    /// <summary>A <c>kubectl get secrets -o yaml</c> List: harbor-secret, aliyun-secret (dockercfg), hangzhou-secret, my-secret (Docker Hub), default-token (Opaque).</summary>
    public static string Secrets => File("secrets.yaml");

    private static string File(string name) =>
        Path.Combine(RepoPaths.RepoRoot, "tests", "KubeEdge.PrePull.Cli.Tests", "Commands", "TestData", name);
}

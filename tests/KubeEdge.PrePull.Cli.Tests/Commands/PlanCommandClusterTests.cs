using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Testing;
using KubeEdge.PrePull.Testing.Faults;
using KubeEdge.PrePull.Testing.Fleet;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Cli.Tests.Commands;

/// <summary><c>plan --kubeconfig</c> against the embedded API server, over real HTTP with the real client.</summary>
public sealed class PlanCommandClusterTests
{
    [Fact]
    public async Task Plan_Kubeconfig_ReadsNodesAndSecretsFromTheCluster()
    {
        await using var cluster = await ApiServerFixture.StartAsync();
        var (server, client) = cluster;
        await CreateNodeAsync(client, "edge-sh-1", "shanghai", ready: true);
        await CreateNodeAsync(client, "edge-hz-1", "hangzhou", ready: true);
        await CreateNodeAsync(client, "edge-hz-2", "hangzhou", ready: false);
        await CreateSecretAsync(client, "harbor-secret", "harbor.example.com");
        await CreateSecretAsync(client, "aliyun-secret", "registry.cn-shanghai.aliyuncs.com");
        await CreateSecretAsync(client, "unused-secret", "unused.example.com");
        var kubeconfig = Kubeconfig(server);

        var (code, output, error) = await Task.Run(() => CliRun.Run("plan", "--job", PlanTestData.MultiRegistryJob, "--kubeconfig", kubeconfig, "--context", "embedded", "-o", "json"), TestContext.Current.CancellationToken);

        Assert.Equal(string.Empty, error);
        Assert.Equal(1, code);
        var plan = JsonNode.Parse(output)!;
        var plans = plan["plans"]!.AsArray();
        Assert.Equal(["edge-hz-1"], PlanTestText.Strings(plans[0]!["nodes"]));
        Assert.Equal("hangzhou.registry.io/jili/example:v1.0.0", (string?)plans[0]!["images"]![0]!["resolvedImage"]);
        Assert.Equal("Anonymous", (string?)plans[0]!["images"]![0]!["status"]);
        Assert.Equal(["edge-sh-1"], PlanTestText.Strings(plans[1]!["nodes"]));
        Assert.Equal("default/harbor-secret", (string?)plans[1]!["images"]![0]!["secret"]);
        Assert.Equal("default/aliyun-secret", (string?)plans[1]!["images"]![1]!["secret"]);
        Assert.Equal(["edge-hz-2"], PlanTestText.Strings(plan["failedNodes"]![0]!["nodes"]));
        var warning = Assert.Single(plan["secretWarnings"]!.AsArray())!;
        Assert.Equal("default/hangzhou-secret", (string?)warning["secret"]);
        Assert.Equal("secret not found", (string?)warning["message"]);
        Assert.DoesNotContain(PlanTestData.PasswordMarker, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_KubeconfigWithManyNodes_ReadsEveryPage()
    {
        await using var cluster = await ApiServerFixture.StartAsync();
        var (server, client) = cluster;
        var fleet = new NodeFleetOptions { Count = 1_200, NotReadyCount = 2 };
        fleet.Regions.Add("hangzhou");
        fleet.Regions.Add("shanghai");
        server.Fleet.AddNodes(fleet);
        await CreateSecretAsync(client, "hangzhou-secret", "hangzhou.registry.io");
        var kubeconfig = Kubeconfig(server);

        var (code, output, _) = await Task.Run(() => CliRun.Run("plan", "--job", PlanTestData.MultiRegistryJob, "--kubeconfig", kubeconfig), TestContext.Current.CancellationToken);

        Assert.Equal(1, code);
        var lines = PlanTestText.Lines(output);
        Assert.Equal("1200 nodes: 1198 planned in 2 distinct plans, 2 failed, 0 nodes with image errors", lines[1]);
        Assert.True(lines.Length < 25, output);
        Assert.True(lines.Any(l => l.StartsWith("Plan 1: 599 nodes: ", StringComparison.Ordinal)), output);
        string[] hangzhouNginx = ["nginx:1.27", "hangzhou.registry.io/nginx:1.27", "default/hangzhou-secret", "default/hangzhou-secret"];
        Assert.Contains(lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).SequenceEqual(hangzhouNginx));
    }

    [Fact]
    public void Plan_UnreachableCluster_IsOneLineAndExitsTwo()
    {
        var kubeconfig = CliRun.TempFile("""
            apiVersion: v1
            kind: Config
            clusters: [{name: gone, cluster: {server: "http://127.0.0.1:1"}}]
            contexts: [{name: gone, context: {cluster: gone, user: gone}}]
            current-context: gone
            users: [{name: gone, user: {}}]
            """);

        var (code, output, error) = CliRun.Run("plan", "--job", PlanTestData.UpstreamJob, "--kubeconfig", kubeconfig);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("kubeedge-prepull: cluster http://127.0.0.1:1", line, StringComparison.Ordinal);
        Assert.Contains("unreachable", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_UnknownContext_NamesTheKubeconfigAndContext()
    {
        await using var cluster = await ApiServerFixture.StartAsync();
        var server = cluster.Server;
        var kubeconfig = Kubeconfig(server);

        var (code, _, error) = CliRun.Run("plan", "--job", PlanTestData.UpstreamJob, "--kubeconfig", kubeconfig, "--context", "nope");

        Assert.Equal(2, code);
        Assert.StartsWith($"kubeedge-prepull: {kubeconfig} (context \"nope\"): ", error.Trim(), StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Plan_ClusterFailsToGiveASecret_IsOneLineNamingTheSecret()
    {
        await using var cluster = await ApiServerFixture.StartAsync();
        var (server, client) = cluster;
        await CreateNodeAsync(client, "edgenode1", "shanghai", ready: true);
        server.Faults.Add("secrets", "get", FaultKind.InternalError);
        var kubeconfig = Kubeconfig(server);

        var (code, _, error) = await Task.Run(() => CliRun.Run("plan", "--job", PlanTestData.UpstreamJob, "--kubeconfig", kubeconfig), TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Equal($"kubeedge-prepull: cluster {server.Uri.ToString().TrimEnd('/')}: cannot get secret default/my-secret: 500 Internal Server Error", error.Trim());
    }

    private static string Kubeconfig(EmbeddedApiServer server)
    {
        var path = Path.Combine(Path.GetTempPath(), $"prepull-cli-{Guid.NewGuid():N}.kubeconfig");
        server.WriteKubeconfig(path);
        return path;
    }

    private static async Task CreateNodeAsync(Kubernetes client, string name, string region, bool ready)
    {
        var node = new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = new Dictionary<string, string> { ["node-role.kubernetes.io/edge"] = string.Empty, ["topology.kubernetes.io/region"] = region },
            },
        };
        var created = await client.CoreV1.CreateNodeAsync(node, cancellationToken: TestContext.Current.CancellationToken);
        created.Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = ready ? "True" : "False" }] };
        await client.CoreV1.ReplaceNodeStatusAsync(created, name, cancellationToken: TestContext.Current.CancellationToken);
    }

    private static async Task CreateSecretAsync(Kubernetes client, string name, string registry)
    {
        var auth = new JsonObject { ["username"] = "robot", ["password"] = $"{PlanTestData.PasswordMarker}-{name}" };
        var config = new JsonObject { ["auths"] = new JsonObject { [registry] = auth } }.ToJsonString();
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
            Type = "kubernetes.io/dockerconfigjson",
            Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes(config) },
        };
        await client.CoreV1.CreateNamespacedSecretAsync(secret, "default", cancellationToken: TestContext.Current.CancellationToken);
    }
}

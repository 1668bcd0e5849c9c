using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Testing;
using KubeEdge.PrePull.Testing.Fleet;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Cli.Tests.Commands;

/// <summary>
/// The files <c>plan</c> reads are what the real kubectl writes: nodes and secrets saved with <c>kubectl get -o
/// yaml|json</c> from the embedded API server plan exactly like <c>--kubeconfig</c> against the same server.
/// </summary>
public sealed class PlanCommandKubectlTests
{
    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public async Task Plan_FilesWrittenByKubectl_PlanLikeTheCluster(string format)
    {
        var kubectl = Daemons.Require("kubectl", "kubectl");
        await using var cluster = await ApiServerFixture.StartAsync();
        var (server, client) = cluster;
        var fleet = new NodeFleetOptions { Count = 7, NotReadyCount = 1 };
        fleet.Regions.Add("hangzhou");
        fleet.Regions.Add("shanghai");
        server.Fleet.AddNodes(fleet);
        server.Fleet.AddNodes(new NodeFleetOptions { Count = 1, NamePrefix = "cloud-", EdgeRole = false });
        await CreateSecretAsync(client, "harbor-secret", "harbor.example.com");
        await CreateSecretAsync(client, "hangzhou-secret", "hangzhou.registry.io");

        var kubeconfig = Path.Combine(Path.GetTempPath(), $"prepull-cli-{Guid.NewGuid():N}.kubeconfig");
        server.WriteKubeconfig(kubeconfig);
        var nodes = CliRun.TempFile(await KubectlAsync(kubectl, kubeconfig, "get", "nodes", "-o", format));
        var secrets = CliRun.TempFile(await KubectlAsync(kubectl, kubeconfig, "get", "secrets", "-A", "-o", format));

        var fromFiles = await Task.Run(() => CliRun.Run("plan", "--job", PlanTestData.MultiRegistryJob, "--nodes", nodes, "--secrets", secrets, "-o", "json"), TestContext.Current.CancellationToken);
        var fromCluster = await Task.Run(() => CliRun.Run("plan", "--job", PlanTestData.MultiRegistryJob, "--kubeconfig", kubeconfig, "-o", "json"), TestContext.Current.CancellationToken);

        Assert.Equal(string.Empty, fromFiles.Error);
        Assert.Equal(fromCluster.Output, fromFiles.Output);
        Assert.Equal(1, fromFiles.ExitCode);
        var plan = JsonNode.Parse(fromFiles.Output)!;
        Assert.Equal("""{"nodes":7,"plannedNodes":6,"failedNodes":1,"nodesWithImageErrors":0,"distinctPlans":2,"secretWarnings":1}""", plan["summary"]!.ToJsonString());
        Assert.Equal("default/hangzhou-secret", (string?)plan["plans"]![0]!["images"]![0]!["secret"]);
        Assert.Equal("default/harbor-secret", (string?)plan["plans"]![1]!["images"]![0]!["secret"]);
        Assert.DoesNotContain(PlanTestData.PasswordMarker, fromFiles.Output, StringComparison.Ordinal);
    }

    private static async Task<string> KubectlAsync(string kubectl, string kubeconfig, params string[] args)
    {
        var run = await ProcessRun.RunAsync(kubectl, ["--kubeconfig", kubeconfig, .. args]);
        Assert.True(run.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {run.Error}");
        return run.Output;
    }

    private static async Task CreateSecretAsync(Kubernetes client, string name, string registry)
    {
        var auth = new JsonObject { ["username"] = "robot", ["password"] = $"{PlanTestData.PasswordMarker}-{name}" };
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
            Type = "kubernetes.io/dockerconfigjson",
            Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes(new JsonObject { ["auths"] = new JsonObject { [registry] = auth } }.ToJsonString()) },
        };
        await client.CoreV1.CreateNamespacedSecretAsync(secret, "default", cancellationToken: TestContext.Current.CancellationToken);
    }
}

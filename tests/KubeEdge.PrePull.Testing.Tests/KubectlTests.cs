using System.Diagnostics;
using k8s;
using KubeEdge.PrePull.Testing.Fleet;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Testing.Tests;

/// <summary>The real kubectl, an independent client, against the embedded server.</summary>
public sealed class KubectlTests() : ApiServerTests(new ApiServerFixture())
{
    private const string JobYaml = """
        apiVersion: operations.kubeedge.io/v1alpha2
        kind: ImagePrePullJob
        metadata:
          name: warm-nginx
        spec:
          imagePrePullTemplate:
            images:
              - nginx:1.27
            nodeNames:
              - edge-node-0
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("kubectl-tests").FullName;
    private string _kubeconfig = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _kubeconfig = Path.Combine(_dir, "kubeconfig");
        _server.WriteKubeconfig(_kubeconfig);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Apply_JobYaml_CreatesJobAndGetPrintsCrdColumns()
    {
        var kubectl = Daemons.Require("kubectl", "kubectl");
        var file = Path.Combine(_dir, "job.yaml");
        await File.WriteAllTextAsync(file, JobYaml, TestContext.Current.CancellationToken);

        var apply = await RunAsync(kubectl, "apply", "-f", file);
        Assert.True(apply.Code == 0, apply.Error);
        Assert.Contains("imageprepulljob.operations.kubeedge.io/warm-nginx created", apply.Output, StringComparison.Ordinal);

        var client = _client;
        await client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new k8s.Models.V1Patch("""{"status":{"phase":"InProgress","summary":{"total":3,"successful":2,"failed":1}}}""", k8s.Models.V1Patch.PatchType.MergePatch),
            "operations.kubeedge.io", "v1alpha2", "imageprepulljobs", "warm-nginx",
            cancellationToken: TestContext.Current.CancellationToken);

        var get = await RunAsync(kubectl, "get", "imageprepulljobs");
        Assert.True(get.Code == 0, get.Error);
        var lines = get.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "PHASE", "TOTAL", "SUCCEEDED", "FAILED", "AGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["warm-nginx", "InProgress", "3", "2", "1"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..5]);
    }

    [Fact]
    public async Task Apply_MisspelledField_FailsStrictValidation()
    {
        var kubectl = Daemons.Require("kubectl", "kubectl");
        var file = Path.Combine(_dir, "job.yaml");
        await File.WriteAllTextAsync(file, JobYaml.Replace("nodeNames:", "nodeNamez:", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var apply = await RunAsync(kubectl, "apply", "-f", file);

        Assert.NotEqual(0, apply.Code);
        Assert.Contains("unknown field \"spec.imagePrePullTemplate.nodeNamez\"", apply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_SchemaViolation_FailsWithTheServers422NamingTheField()
    {
        var kubectl = Daemons.Require("kubectl", "kubectl");
        var file = Path.Combine(_dir, "job.yaml");
        await File.WriteAllTextAsync(file, JobYaml.Replace("metadata:\n  name: warm-nginx", "metadata:\n  name: bad", StringComparison.Ordinal) + "\n    concurrency: \"string\"\n", TestContext.Current.CancellationToken);

        // --validate=false: kubectl's own schema check is skipped, so the answer is the server's 422 (kubectl prints
        // its details as "The <Kind> "<name>" is invalid: <causes>", as against a real cluster).
        var apply = await RunAsync(kubectl, "apply", "--validate=false", "-f", file);

        Assert.NotEqual(0, apply.Code);
        Assert.Contains(
            "The ImagePrePullJob \"bad\" is invalid: spec.imagePrePullTemplate.concurrency: Invalid value: \"string\": spec.imagePrePullTemplate.concurrency in body must be of type integer: \"string\"",
            apply.Error,
            StringComparison.Ordinal);
        Assert.NotEqual(0, (await RunAsync(kubectl, "get", "imageprepulljob", "bad")).Code);
    }

    [Fact]
    public async Task Apply_Twice_SecondApplyPatchesTheJob()
    {
        var kubectl = Daemons.Require("kubectl", "kubectl");
        var file = Path.Combine(_dir, "job.yaml");
        await File.WriteAllTextAsync(file, JobYaml, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await RunAsync(kubectl, "apply", "-f", file)).Code);

        await File.WriteAllTextAsync(file, JobYaml.Replace("nginx:1.27", "nginx:1.28", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var second = await RunAsync(kubectl, "apply", "-f", file);

        Assert.True(second.Code == 0, second.Error);
        Assert.Contains("configured", second.Output, StringComparison.Ordinal);
        var image = await RunAsync(kubectl, "get", "imageprepulljob", "warm-nginx", "-o", "jsonpath={.spec.imagePrePullTemplate.images[0]}");
        Assert.Equal("nginx:1.28", image.Output);
    }

    [Fact]
    public async Task GetNodes_LabelSelector_ListsOnlyMatchingNodesWithStatusAndRoles()
    {
        var kubectl = Daemons.Require("kubectl", "kubectl");
        var options = new NodeFleetOptions { Count = 4, NotReadyCount = 1 };
        options.Regions.Add("eu");
        options.Regions.Add("us");
        _server.Fleet.AddNodes(options);

        var get = await RunAsync(kubectl, "get", "nodes", "-l", "topology.kubernetes.io/region=eu");

        Assert.True(get.Code == 0, get.Error);
        var rows = get.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.Equal(["NAME", "STATUS", "ROLES", "AGE", "VERSION"], rows[0]);
        Assert.Equal(["edge-node-0", "edge-node-2"], rows[1..].Select(r => r[0]));
        Assert.All(rows[1..], r => Assert.Equal(["Ready", "edge"], r[1..3]));
    }

    [Fact]
    public async Task GetPods_FailedPullOnSimulatedNode_ShowsKubeletReason()
    {
        var kubectl = Daemons.Require("kubectl", "kubectl");
        var node = _server.Fleet.AddNodes(new NodeFleetOptions())[0];
        _server.Fleet.SetImage("nginx:nope", ImagePullBehavior.Fail());
        _server.Fleet.BackOffDelay = TimeSpan.FromHours(1); // Stay in ErrImagePull while kubectl looks.
        var client = _client;
        var pod = new k8s.Models.V1Pod
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = "prepull-edge-node-0" },
            Spec = new k8s.Models.V1PodSpec { NodeName = node, RestartPolicy = "Never", Containers = [new k8s.Models.V1Container { Name = "c0", Image = "nginx:nope" }] },
        };
        await client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: TestContext.Current.CancellationToken);
        await foreach (var (_, seen) in client.CoreV1.WatchListNamespacedPodAsync("default", cancellationToken: TestContext.Current.CancellationToken))
        {
            if (seen.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == "ErrImagePull")
            {
                break;
            }
        }

        var get = await RunAsync(kubectl, "get", "pods", "-n", "default");

        Assert.True(get.Code == 0, get.Error);
        var rows = get.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE"], rows[0]);
        Assert.Equal(["prepull-edge-node-0", "0/1", "ErrImagePull", "0"], rows[1][..4]);
    }

    [Fact]
    public async Task Delete_AppliedJob_RemovesIt()
    {
        var kubectl = Daemons.Require("kubectl", "kubectl");
        var file = Path.Combine(_dir, "job.yaml");
        await File.WriteAllTextAsync(file, JobYaml, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await RunAsync(kubectl, "apply", "-f", file)).Code);

        var delete = await RunAsync(kubectl, "delete", "imageprepulljob", "warm-nginx");
        var after = await RunAsync(kubectl, "get", "imageprepulljob", "warm-nginx");

        Assert.True(delete.Code == 0, delete.Error);
        Assert.Contains("\"warm-nginx\" deleted", delete.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, after.Code);
        Assert.Contains("NotFound", after.Error, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(string kubectl, params string[] args)
    {
        var start = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(_kubeconfig);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(Path.Combine(_dir, "cache"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}

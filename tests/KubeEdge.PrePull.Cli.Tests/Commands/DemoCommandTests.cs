using System.CommandLine;
using System.Text.RegularExpressions;
using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Cli.Commands;
using KubeEdge.PrePull.Cli.Commands.Demo;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Serialization;
using KubeEdge.PrePull.Testing;
using KubeEdge.PrePull.Testing.Fleet;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Cli.Tests.Commands;

/// <summary>The demo run in process, end to end: embedded server, simulated fleet, the real controller.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("demo-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Demo_SixtyNodes_CompletesWithExactSummaryPerRegionAndStatusFile()
    {
        var (code, output, error) = CliRun.Run("demo", "--nodes", "60", "--seed", "3", "--concurrency", "20", "--output", _dir);

        Assert.True(code == 0, output + error);
        Assert.Empty(error);
        Assert.DoesNotContain('\u001b', output);

        // The simulated registries decide each (node, image) from the seed alone, so the failures are known in advance:
        // the NotReady node (the last edge node) plus every Ready node with at least one failing pull.
        // Hangzhou's mirror lacks one image and its rule falls back to the origin after not found or unreachable.
        var puller = new SimulatedRegistryPuller(3, DemoSettings.DefaultFailureRate, TimeProvider.System, [DemoScenario.Simulated.MissingMirrorImage]);
        bool Fails(string node, string resolved, string original)
        {
            var roll = puller.Roll(node, resolved);
            var fallsBack = resolved.StartsWith(DemoScenario.Simulated.Mirrors[0].Mirror.Registry + "/", StringComparison.Ordinal) && roll.Kind != PullFailureKind.Other;
            return roll.Fails && (!fallsBack || puller.Roll(node, original).Fails);
        }

        var failing = Enumerable.Range(0, 59)
            .Where(i => ResolvedImages(i).Select((image, n) => Fails($"edge-node-{i:D2}", image, DemoScenario.Simulated.Images[n])).Any(f => f))
            .Select(i => $"edge-node-{i:D2}")
            .ToHashSet(StringComparer.Ordinal);
        var expectedFailed = failing.Count + 1;

        var job = ImagePrePullJobSerializer.Deserialize(File.ReadAllText(Path.Combine(_dir, "prepull-demo.yaml")));
        var status = job.Status!;
        Assert.Equal(JobPhases.Completed, status.Phase);
        var s = status.Summary!;
        Assert.Equal((60, 0, 0, 60 - expectedFailed, expectedFailed, 0), (s.Total, s.Pending, s.InProgress, s.Successful, s.Failed, s.Unknown));

        var notReady = status.NodeStatus!.Single(n => n.NodeName == "edge-node-59");
        Assert.Equal((NodeTaskPhases.Failure, "the node is not ready"), (notReady.Phase, notReady.Reason));
        Assert.Equal(failing.Order(StringComparer.Ordinal), status.NodeStatus!.Where(n => n.Phase == NodeTaskPhases.Failure && n.NodeName != "edge-node-59").Select(n => n.NodeName!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(status.NodeStatus!, n => n.NodeName!.StartsWith(DemoScenario.NonEdgeNamePrefix, StringComparison.Ordinal));

        // Regions round-robin: shanghai pulls from its mirror with its secret, beijing from the origin registries, and
        // hangzhou its Harbor images from its mirror, falling back to Harbor for the one the mirror lacks.
        var hangzhou = status.NodeStatus!.Single(n => n.NodeName == "edge-node-00");
        var beijing = status.NodeStatus!.Single(n => n.NodeName == "edge-node-02");
        Assert.Equal(["default/hangzhou-mirror-secret", "default/harbor-secret", "default/org-secret"], hangzhou.ImageStatus!.Select(i => i.Secret));
        Assert.Equal(DemoScenario.Simulated.Images.Select((image, n) => n == 1 ? image : ResolvedImages(0)[n]), hangzhou.ImageStatus!.Select(i => i.ResolvedImage));
        Assert.Equal([null, DemoScenario.Simulated.MissingMirrorImage, null], hangzhou.ImageStatus!.Select(i => i.FallbackFrom));
        Assert.Equal(["default/harbor-secret", "default/harbor-secret", "default/org-secret"], beijing.ImageStatus!.Select(i => i.Secret));

        // The printed table agrees with the status: rows per region add up to the total line.
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        int[] Numbers(string first) => [.. lines.Single(l => l.StartsWith(first + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..5].Select(int.Parse)];
        Assert.Equal([60, 60 - expectedFailed, expectedFailed, 0], Numbers("total"));
        Assert.Equal([20, 20, 20], new[] { "hangzhou", "shanghai", "beijing" }.Select(r => Numbers(r)[0]));
        Assert.Equal(expectedFailed, new[] { "hangzhou", "shanghai", "beijing" }.Sum(r => Numbers(r)[2]));
        string[] Cells(string first) => Regex.Split(lines.Single(l => l.StartsWith(first + " ", StringComparison.Ordinal)), " {2,}");
        Assert.Equal(["hangzhou.mirror.example.com, harbor.example.com, registry.example.org", "default/hangzhou-mirror-secret, default/harbor-secret, default/org-secret"], Cells("hangzhou")[5..]);
        Assert.Equal(["shanghai.mirror.example.com", "default/shanghai-mirror-secret"], Cells("shanghai")[5..]);
        Assert.Equal(["harbor.example.com, registry.example.org", "default/harbor-secret, default/org-secret"], Cells("beijing")[5..]);
        Assert.Contains("not selected: 3 nodes without the edge label (cloud-node-60, cloud-node-61, cloud-node-62)", lines);
        Assert.Contains("1 node: the node is not ready (e.g. edge-node-59)", lines);
        Assert.Contains(lines, l => l.StartsWith($"job prepull-demo: Completed after ", StringComparison.Ordinal) && l.EndsWith($": {60 - expectedFailed} of 60 nodes successful, {expectedFailed} failed, 0 unknown, 0 pending", StringComparison.Ordinal));
        Assert.Contains("final status: " + Path.Combine(_dir, "prepull-demo.yaml"), lines);
        Assert.Contains($"while it runs: kubectl --kubeconfig {Path.Combine(_dir, "kubeconfig")} get imageprepulljobs,pods -A", lines);
        Assert.True(File.Exists(Path.Combine(_dir, "kubeconfig")));
    }

    [Fact]
    public void Demo_Deadline_NodesThatComeBackArePulledAndTheOneStillOfflineFailsAtTheDeadline()
    {
        // Few nodes and a deadline well above their pulls: what the test waits for is the deadline, never the machine's speed.
        var (code, output, error) = CliRun.Run("demo", "--nodes", "20", "--failure-rate", "0", "--concurrency", "20", "--deadline", "20", "--output", _dir);

        Assert.True(code == 0, output + error);
        var plan = System.Text.RegularExpressions.Regex.Match(output, @"deadline: 1 of the 2 NotReady nodes come back online after 6\.7 s and are pulled then; (?<offline>edge-node-\d+) stays offline and fails at the deadline \(20 s\)");
        Assert.True(plan.Success, output);
        Assert.Contains("activeDeadlineSeconds 20", output, StringComparison.Ordinal);
        var job = ImagePrePullJobSerializer.Deserialize(File.ReadAllText(Path.Combine(_dir, "prepull-demo.yaml")));
        var status = job.Status!;
        Assert.Equal(JobPhases.Completed, status.Phase);
        Assert.Equal((20, 19, 1), (status.Summary!.Total, status.Summary.Successful, status.Summary.Failed));

        // The node that came back was pulled; the one still offline failed at the deadline.
        var offlineName = plan.Groups["offline"].Value;
        var offline = status.NodeStatus!.Single(n => n.NodeName == offlineName);
        Assert.Equal((NodeTaskPhases.Failure, "the node is not ready"), (offline.Phase, offline.Reason));
        Assert.All(status.NodeStatus!.Where(n => n.NodeName != offlineName), n => Assert.Equal(NodeTaskPhases.Successful, n.Phase));
    }

    [Fact]
    public void Demo_DeadlineOutOfRange_IsOneLineNamingTheOption()
    {
        var (code, _, error) = CliRun.Run("demo", "--deadline", "0");

        Assert.Equal(2, code);
        Assert.Contains("--deadline: expected a whole number from 1 to 540, got '0'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_EveryPullFails_EndsInFailureWithExitCodeOne()
    {
        var (code, output, error) = CliRun.Run("demo", "--nodes", "30", "--failure-rate", "1", "--concurrency", "5", "--output", _dir);

        Assert.True(code == 1, output + error);
        var job = ImagePrePullJobSerializer.Deserialize(File.ReadAllText(Path.Combine(_dir, "prepull-demo.yaml")));
        Assert.Equal(JobPhases.Failure, job.Status!.Phase);
        Assert.Contains("exceeds the failure tolerance threshold", job.Status.Reason, StringComparison.Ordinal);
        Assert.Equal(0, job.Status.Summary!.Successful);
        Assert.Contains("job prepull-demo: Failure after ", output, StringComparison.Ordinal);
        Assert.Contains("not found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_Kubeconfig_RunsTheJobOnThatClusterWithItsOwnNodes()
    {
        await using var api = await ApiServerFixture.StartAsync();
        var (cluster, client) = api;
        var fleet = new NodeFleetOptions { Count = 12, NotReadyCount = 1, NamePrefix = "site-" };
        fleet.Regions.Add("shanghai");
        cluster.Fleet.AddNodes(fleet);
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        cluster.WriteKubeconfig(kubeconfig);

        var statusDir = Path.Combine(_dir, "status");

        var (code, output, error) = CliRun.Run("demo", "--kubeconfig", kubeconfig, "--output", statusDir);

        Assert.True(code == 0, output + error);
        Assert.Contains("cluster " + cluster.Uri.ToString().TrimEnd('/'), output, StringComparison.Ordinal);
        var job = ImagePrePullJobSerializer.Deserialize(File.ReadAllText(Assert.Single(Directory.GetFiles(statusDir, "prepull-demo-*.yaml"))));
        Assert.Equal(JobPhases.Completed, job.Status!.Phase);
        Assert.Equal((12, 11, 1), (job.Status.Summary!.Total, job.Status.Summary.Successful, job.Status.Summary.Failed));
        Assert.All(job.Status.NodeStatus!.Where(n => n.Phase == NodeTaskPhases.Successful), n => Assert.Equal("default/shanghai-mirror-secret", n.ImageStatus![0].Secret));
        var secrets = await client.CoreV1.ListNamespacedSecretAsync("default", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(DemoScenario.Simulated.Accounts.Select(a => a.SecretName).Order(StringComparer.Ordinal), secrets.Items.Select(x => x.Metadata.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Demo_Kubeconfig_NeverOverwritesASecretItDidNotCreate()
    {
        await using var api = await ApiServerFixture.StartAsync();
        var (cluster, client) = api;
        cluster.Fleet.AddNodes(new NodeFleetOptions { Count = 2 });
        var theirs = new k8s.Models.V1Secret
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = DemoScenario.Simulated.Harbor.SecretName },
            Type = "Opaque",
            Data = new Dictionary<string, byte[]> { ["token"] = "theirs"u8.ToArray() },
        };
        await client.CoreV1.CreateNamespacedSecretAsync(theirs, "default", cancellationToken: TestContext.Current.CancellationToken);
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        cluster.WriteKubeconfig(kubeconfig);

        var (code, _, error) = CliRun.Run("demo", "--kubeconfig", kubeconfig);

        Assert.True(code == 2, error);
        Assert.Equal("kubeedge-prepull: secret default/harbor-secret already exists and was not created by the demo; the demo leaves it alone (delete it or use another cluster)", error.Trim());
        var after = await client.CoreV1.ReadNamespacedSecretAsync(DemoScenario.Simulated.Harbor.SecretName, "default", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("Opaque", after.Type);
        Assert.Equal("theirs", System.Text.Encoding.UTF8.GetString(after.Data["token"]));
    }

    [Theory]
    [InlineData("--nodes", "0")]
    [InlineData("--nodes", "many")]
    [InlineData("--concurrency", "-3")]
    [InlineData("--failure-rate", "1.5")]
    [InlineData("--failure-rate", "two percent")]
    [InlineData("--seed", "0x10")]
    [InlineData("--kubeconfig", "/nonexistent/kubeconfig")]
    public void Demo_BadOption_IsOneLineNamingTheOptionAndExitCodeTwo(string option, string value)
    {
        var (code, output, error) = CliRun.Run("demo", option, value);

        Assert.Equal(2, code);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"kubeedge-prepull demo: {option}: ", line, StringComparison.Ordinal);
        Assert.Contains(value, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_SecretPasswords_NeverReachOutputErrorOrStatusFile()
    {
        const string Marker = "Pa55-Marker-9c41e";
        var made = 0;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var command = DemoCommand.Create(output, error, () => Marker + Interlocked.Increment(ref made));

        // No random failures: the fallback of hangzhou's nodes (one more pull each) must not make this run's luck.
        var code = command.Parse(["--nodes", "20", "--failure-rate", "0", "--output", _dir]).Invoke(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(DemoScenario.Simulated.Accounts.Count, made);
        Assert.True(code == 0, output + error.ToString());
        var yaml = File.ReadAllText(Path.Combine(_dir, "prepull-demo.yaml"));
        Assert.Contains("secret: default/", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, yaml, StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> ResolvedImages(int node)
    {
        var region = DemoScenario.Regions[node % DemoScenario.Regions.Count];
        var mirror = DemoScenario.Simulated.Mirrors.SingleOrDefault(m => m.Region == region);
        var scope = region == "hangzhou" ? DemoScenario.Simulated.Harbor.Registry + "/" : string.Empty;
        return [.. DemoScenario.Simulated.Images.Select(i => mirror is null || !i.StartsWith(scope, StringComparison.Ordinal) ? i : mirror.Mirror.Registry + i[i.IndexOf('/', StringComparison.Ordinal)..])];
    }
}

using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Events;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// The controller as users run it: a job applied with the real kubectl, run by the controller with the PodApply
/// backend on simulated kubelets, read back with kubectl and the client.
/// </summary>
public sealed class ControllerEndToEndTests : ControllerTests
{
    private const string Marker = "S3cr3t-Marker-Password-7f1d";

    private const string JobYaml = """
        apiVersion: operations.kubeedge.io/v1alpha2
        kind: ImagePrePullJob
        metadata:
          name: multi-registry
        spec:
          imagePrePullTemplate:
            images:
              - harbor.example.com/team/app:v1
              - registry.example.org/base/tool:2
            labelSelector:
              matchLabels:
                node-role.kubernetes.io/edge: ""
            checkItems: []
            concurrency: 3
            failureTolerate: "0.5"
            pullSecrets:
              - default/harbor-secret
              - default/org-secret
          imagePrePullOverriders:
            - nodeLabel: topology.kubernetes.io/region=hangzhou
              overriders:
                imageOverriders:
                  - component: Registry
                    operator: replace
                    value: hangzhou.mirror.io
                secretOverriders:
                  - component: SecretName
                    operator: replace
                    value: hangzhou-secret
        """;

    [Fact]
    public async Task KubectlApply_MultiRegistryJobWithRegionOverride_CompletesWithExactStatus()
    {
        var kubectl = Daemons.Require("kubectl", "kubectl");
        var kubeconfig = Cluster.WriteKubeconfig();
        var nodes = Cluster.AddNodes(7, notReady: 1, "hangzhou", "shanghai");
        await Cluster.CreateRegistrySecretAsync("default", "harbor-secret", "harbor.example.com", "robot", Marker);
        await Cluster.CreateRegistrySecretAsync("default", "org-secret", "registry.example.org", "robot", Marker);
        await Cluster.CreateRegistrySecretAsync("default", "hangzhou-secret", "hangzhou.mirror.io", "robot", Marker);
        await Cluster.StartControllerAsync();
        var file = Path.Combine(Cluster.Folder, "job.yaml");
        await File.WriteAllTextAsync(file, JobYaml, ControllerCluster.Ct);

        var apply = await ProcessRun.RunAsync(kubectl, "--kubeconfig", kubeconfig, "apply", "-f", file);
        Assert.True(apply.ExitCode == 0, apply.Error);
        var job = await Cluster.WaitForPhaseAsync("multi-registry", JobPhases.Completed);

        var status = job.Status!;
        var summary = status.Summary!;
        Assert.Equal((7, 0, 0, 6, 1, 0), (summary.Total, summary.Pending, summary.InProgress, summary.Successful, summary.Failed, summary.Unknown));
        Assert.NotNull(status.StartTime);
        Assert.NotNull(status.CompletionTime);
        Assert.True(string.IsNullOrEmpty(status.Reason), status.Reason);
        Assert.Equal(nodes.Order(StringComparer.Ordinal), status.NodeStatus!.Select(n => n.NodeName).Order(StringComparer.Ordinal));

        // Regions alternate: hangzhou, shanghai, ...; the last node of the batch is the NotReady one.
        for (var i = 0; i < nodes.Count; i++)
        {
            var entry = status.NodeStatus!.Single(n => n.NodeName == nodes[i]);
            if (i == nodes.Count - 1)
            {
                Assert.Equal(NodeTaskPhases.Failure, entry.Phase);
                Assert.Equal("the node is not ready", entry.Reason);
                continue;
            }

            Assert.Equal(NodeTaskPhases.Successful, entry.Phase);
            Assert.Equal(["Check", "Pull"], entry.ActionFlow!.Select(a => a.Action));
            Assert.All(entry.ActionFlow!, a => Assert.Equal("True", a.Status));
            var hangzhou = i % 2 == 0;
            var images = entry.ImageStatus!;
            Assert.Equal(["harbor.example.com/team/app:v1", "registry.example.org/base/tool:2"], images.Select(s => s.Image));
            Assert.All(images, s => Assert.Equal("True", s.Status));
            Assert.Equal(
                hangzhou ? ["hangzhou.mirror.io/team/app:v1", "hangzhou.mirror.io/base/tool:2"] : ["harbor.example.com/team/app:v1", "registry.example.org/base/tool:2"],
                images.Select(s => s.ResolvedImage));
            Assert.Equal(
                hangzhou ? ["default/hangzhou-secret", "default/hangzhou-secret"] : ["default/harbor-secret", "default/org-secret"],
                images.Select(s => s.Secret));
            Assert.All(images, s => Assert.StartsWith(s.ResolvedImage!.Split(':')[0] + "@sha256:", s.ImageRef, StringComparison.Ordinal));
        }

        // The seed's v1alpha1 mirror, kept while the job is small: job and nodes end Successful after Pull.
        Assert.Equal(("Successful", "Pull", "Success"), (status.State, status.Event, status.Action));
        Assert.Equal(nodes.Count, status.Status!.Count);
        foreach (var mirror in status.Status.Where(m => m.NodeStatus!.NodeName != nodes[^1]))
        {
            Assert.Equal(("Successful", "Pull", "Success"), (mirror.NodeStatus!.State, mirror.NodeStatus.Event, mirror.NodeStatus.Action));
            Assert.All(mirror.ImageStatus!, i => Assert.Equal("Successful", i.State));
        }

        Assert.Equal("Failed", status.Status.Single(m => m.NodeStatus!.NodeName == nodes[^1]).NodeStatus!.State);

        var get = await ProcessRun.RunAsync(kubectl, "--kubeconfig", kubeconfig, "get", "imageprepulljobs");
        Assert.True(get.ExitCode == 0, get.Error);
        var lines = get.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "PHASE", "TOTAL", "SUCCEEDED", "FAILED", "AGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["multi-registry", "Completed", "7", "6", "1"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..5]);

        // Everything the job created is gone; the finalizer stays until the job is deleted.
        Assert.Empty(await Cluster.PodsAsync());
        Assert.Empty(await Cluster.PodNamespaceSecretsAsync());
        Assert.Contains(ImagePrePullJobNames.Finalizer, job.Metadata.Finalizers!);

        var events = await Cluster.EventsAsync("multi-registry");
        Assert.Contains(events, e => e.Reason == JobEventReasons.Started && e.Type == "Normal");
        Assert.Contains(events, e => e.Reason == JobEventReasons.Completed && e.Message.Contains("6 of 7 nodes successful", StringComparison.Ordinal));

        var delete = await ProcessRun.RunAsync(kubectl, "--kubeconfig", kubeconfig, "delete", "-f", file, "--wait=true", "--timeout=60s");
        Assert.True(delete.ExitCode == 0, delete.Error);
        Assert.Null(await Cluster.GetJobAsync("multi-registry"));

        // The secret's password never left the secret.
        Assert.DoesNotContain(Cluster.Logs.Collector.GetSnapshot(), r => r.Message.Contains(Marker, StringComparison.Ordinal) || (r.Exception?.ToString().Contains(Marker, StringComparison.Ordinal) ?? false));
        Assert.DoesNotContain(Marker, k8s.KubernetesJson.Serialize(status), StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Message.Contains(Marker, StringComparison.Ordinal));
    }
}

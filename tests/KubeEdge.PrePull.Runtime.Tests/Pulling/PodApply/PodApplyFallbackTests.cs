using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.PodApply;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Status;
using KubeEdge.PrePull.Testing.Fleet;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.PodApply;

/// <summary>
/// fallbackToOriginal on the PodApply backend (docs/design.md §2 "Overrides"): the original reference comes down in
/// a pod of its own, with the original's secrets, once the kubelet reports the overridden one missing or refused.
/// </summary>
public sealed class PodApplyFallbackTests : IAsyncLifetime
{
    private const string Ns = PodApplyOptions.DefaultNamespace;
    private const string Original = "harbor.example.com/team/app:v1";
    private const string Mirror = "mirror.example.com/team/app:v1";
    private const string Served = "mirror.example.com/team/base:v1";
    private const string MirrorPassword = "m1rror-secret-value";
    private const string HarborPassword = "h4rbor-secret-value";
    private PodApplyCluster _cluster = null!;

    private static CancellationToken Ct => PodApplyCluster.Ct;

    public async ValueTask InitializeAsync() => _cluster = await PodApplyCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Theory]
    [InlineData("rpc error: code = NotFound desc = failed to resolve reference \"" + Mirror + "\": not found")]
    [InlineData("failed to authorize: 401 Unauthorized")]
    public async Task Run_MirrorFailsForOneImage_FallbackPodPullsTheOriginalWithItsSecretAndEverythingIsRemoved(string kubeletError)
    {
        var node = _cluster.AddNode();
        _cluster.Server.Fleet.SetImage(Mirror, ImagePullBehavior.Fail(kubeletError));
        await CreateSecretAsync("mirror-secret", "mirror.example.com", MirrorPassword);
        await CreateSecretAsync("harbor-secret", "harbor.example.com", HarborPassword);
        var mirrorCredential = new PullCredential("default/mirror-secret", "mirror.example.com", "user", MirrorPassword);
        var harborCredential = new PullCredential("default/harbor-secret", "harbor.example.com", "user", HarborPassword);
        var plan = new NodePlan(
        [
            new ImagePlan(Original, Mirror, [mirrorCredential]) { FallbackImage = Original, FallbackCredentials = [harborCredential] },
            new ImagePlan("harbor.example.com/team/base:v1", Served, [mirrorCredential]) { FallbackImage = "harbor.example.com/team/base:v1", FallbackCredentials = [harborCredential] },
        ]);
        // The original takes a minute of the server's clock: the fallback pod stays until the test has seen it.
        _cluster.Server.Fleet.SetImage(Original, new ImagePullBehavior { Latency = TimeSpan.FromMinutes(1) });
        var job = PodApplyCluster.Job();
        await using var puller = (PodApplyPuller)_cluster.Factory().CreateForJob(job);

        var run = new JobScheduler(puller).Start([NodeTaskResult.Pending(node)], new SinglePlan(plan), Settings(), Ct);
        IList<V1Pod> pods = [];
        await TestSupport.Eventually.WaitUntilAsync(
            async () => (pods = (await _cluster.Client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: Ct)).Items).Count == 2,
            () => $"the node's pod and the fallback pod exist (pods: {pods.Count})",
            TestSupport.Eventually.Timeout,
            TimeSpan.FromMilliseconds(50));
        _cluster.Time.Advance(TimeSpan.FromMinutes(1));
        var outcome = await run.Completion.WaitAsync(TestSupport.Eventually.Timeout, Ct);

        var entry = NodeStatusConverter.ToStatus(outcome.Nodes.Single());
        Assert.Equal(NodeTaskPhases.Successful, entry.Phase);
        Assert.Equal([Original, Served], entry.ImageStatus!.Select(i => i.ResolvedImage));
        Assert.Equal([Mirror, null], entry.ImageStatus!.Select(i => i.FallbackFrom));
        Assert.Equal(["default/harbor-secret", "default/mirror-secret"], entry.ImageStatus!.Select(i => i.Secret));

        // Two pods: the node's (both mirror references) and the fallback's (the original only, the original's secret).
        var byName = pods;
        var fallbackPod = Assert.Single(byName, p => p.Spec.Containers.Any(c => c.Image == Original));
        Assert.Equal([Original], fallbackPod.Spec.Containers.Select(c => c.Image));
        Assert.Equal(PodApplyNames.FallbackPod(new PodApplyOptions().PodNamePrefix, job.Metadata.Name, node, Original), fallbackPod.Metadata.Name);
        var copies = fallbackPod.Spec.ImagePullSecrets.Select(s => s.Name).ToList();
        Assert.Single(copies);
        var nodePod = Assert.Single(byName, p => p != fallbackPod);
        Assert.Equal([Mirror, Served], nodePod.Spec.Containers.Select(c => c.Image));
        Assert.DoesNotContain(copies[0], nodePod.Spec.ImagePullSecrets.Select(s => s.Name));

        // Both pods and every copy are gone once the node ended; no secret value in the status.
        Assert.Empty((await _cluster.Client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: Ct)).Items);
        Assert.Empty(await _cluster.SecretsAsync(Ns));
        var text = System.Text.Json.JsonSerializer.Serialize(entry);
        Assert.DoesNotContain(MirrorPassword, text, StringComparison.Ordinal);
        Assert.DoesNotContain(HarborPassword, text, StringComparison.Ordinal);
    }

    private static JobSettings Settings() => JobSettings.FromTemplate(new ImagePrePullTemplate
    {
        Images = [Original, "harbor.example.com/team/base:v1"],
        CheckItems = [],
        ImagePullPolicy = ImagePullPolicies.Always,
    });

    private async Task CreateSecretAsync(string name, string registry, string password)
    {
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("user:" + password));
        var data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = System.Text.Encoding.UTF8.GetBytes("{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}") };
        await _cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = name }, Type = "kubernetes.io/dockerconfigjson", Data = data }, "default", cancellationToken: Ct);
    }

    private sealed class SinglePlan(NodePlan plan) : Planning.INodePlanSource
    {
        public NodePlan GetPlan(string nodeName) => plan;
    }
}

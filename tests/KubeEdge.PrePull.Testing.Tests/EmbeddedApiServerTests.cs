using System.Text;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Testing.Tests;

/// <summary>KubernetesClient against the embedded server: create/get/list/patch/update/delete of every served resource.</summary>
public sealed class EmbeddedApiServerTests() : ApiServerTests(ApiServerFixture.WithClock(new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero))))
{
    [Fact]
    public async Task Nodes_CreateGetListPatchDelete_BehaveLikeKubeApiserver()
    {
        var created = await _client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "edge-a", Labels = new Dictionary<string, string> { ["zone"] = "a" } } }, cancellationToken: Ct);

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, created.Metadata.CreationTimestamp);
        Assert.Equal("edge-a", (await _client.CoreV1.ReadNodeAsync("edge-a", cancellationToken: Ct)).Metadata.Name);
        Assert.Contains((await _client.CoreV1.ListNodeAsync(cancellationToken: Ct)).Items, n => n.Metadata.Name == "edge-a");

        var patched = await _client.CoreV1.PatchNodeAsync(new V1Patch("""{"metadata":{"labels":{"zone":"b"}}}""", V1Patch.PatchType.MergePatch), "edge-a", cancellationToken: Ct);
        Assert.Equal("b", patched.Metadata.Labels["zone"]);
        Assert.True(long.Parse(patched.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(created.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));

        await _client.CoreV1.DeleteNodeAsync("edge-a", cancellationToken: Ct);
        var body = await ClientCalls.FailsWithAsync(404, () => _client.CoreV1.ReadNodeAsync("edge-a", cancellationToken: Ct));
        Assert.Contains("\"reason\":\"NotFound\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pods_FieldSelectorOnNodeName_ListsOnlyPodsBoundToThatNode()
    {
        foreach (var (name, node) in new[] { ("p1", "edge-1"), ("p2", "edge-2"), ("p3", "edge-1") })
        {
            await _client.CoreV1.CreateNamespacedPodAsync(Pod(name, node), "default", cancellationToken: Ct);
        }

        var onEdge1 = await _client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: "spec.nodeName=edge-1", cancellationToken: Ct);
        var notEdge1 = await _client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "spec.nodeName!=edge-1", cancellationToken: Ct);

        Assert.Equal(["p1", "p3"], onEdge1.Items.Select(p => p.Metadata.Name));
        Assert.Equal(["p2"], notEdge1.Items.Select(p => p.Metadata.Name));
        Assert.All(onEdge1.Items, p => Assert.Equal("Pending", p.Status.Phase));
    }

    [Fact]
    public async Task Pods_UnsupportedFieldSelector_Returns400NamingTheField()
    {
        var body = await ClientCalls.FailsWithAsync(400, () => _client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: "spec.bogus=x", cancellationToken: Ct));

        Assert.Contains("spec.bogus", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_CreateReadJsonPatchDelete_KeepDataBytes()
    {
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "registry" },
            Type = "kubernetes.io/dockerconfigjson",
            Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes("{\"auths\":{}}") },
        };
        await _client.CoreV1.CreateNamespacedSecretAsync(secret, "default", cancellationToken: Ct);

        var patch = """[{"op":"test","path":"/type","value":"kubernetes.io/dockerconfigjson"},{"op":"add","path":"/metadata/labels","value":{"team":"edge"}}]""";
        var patched = await _client.CoreV1.PatchNamespacedSecretAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), "registry", "default", cancellationToken: Ct);
        var read = await _client.CoreV1.ReadNamespacedSecretAsync("registry", "default", cancellationToken: Ct);
        var listed = await _client.CoreV1.ListNamespacedSecretAsync("default", fieldSelector: "type=kubernetes.io/dockerconfigjson", cancellationToken: Ct);

        Assert.Equal("edge", patched.Metadata.Labels["team"]);
        Assert.Equal("{\"auths\":{}}", Encoding.UTF8.GetString(read.Data[".dockerconfigjson"]));
        Assert.Single(listed.Items);
        await _client.CoreV1.DeleteNamespacedSecretAsync("registry", "default", cancellationToken: Ct);
        Assert.Empty((await _client.CoreV1.ListNamespacedSecretAsync("default", cancellationToken: Ct)).Items);
    }

    [Fact]
    public async Task JsonPatch_FailedTest_Returns422AndLeavesObjectUnchanged()
    {
        await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" }, Type = "Opaque" }, "default", cancellationToken: Ct);
        var patch = """[{"op":"test","path":"/type","value":"other"},{"op":"replace","path":"/type","value":"changed"}]""";

        await ClientCalls.FailsWithAsync(422, () => _client.CoreV1.PatchNamespacedSecretAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), "s", "default", cancellationToken: Ct));

        Assert.Equal("Opaque", (await _client.CoreV1.ReadNamespacedSecretAsync("s", "default", cancellationToken: Ct)).Type);
    }

    [Fact]
    public async Task JsonPatch_FailedTestOnSecretData_ErrorDoesNotEchoTheSecret()
    {
        var data = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes("hunter2-secret") };
        await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "creds" }, Data = data }, "default", cancellationToken: Ct);
        var stored = Convert.ToBase64String(data["password"]);
        var guess = Convert.ToBase64String(Encoding.UTF8.GetBytes("guess-value"));

        var body = await ClientCalls.FailsWithAsync(422, () => _client.CoreV1.PatchNamespacedSecretAsync(new V1Patch($$"""[{"op":"test","path":"/data/password","value":"{{guess}}"}]""", V1Patch.PatchType.JsonPatch), "creds", "default", cancellationToken: Ct));

        Assert.DoesNotContain(stored, body, StringComparison.Ordinal);
        Assert.DoesNotContain(guess, body, StringComparison.Ordinal);
        Assert.Contains("/data/password", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_CreateAndListByInvolvedObject_ReturnsMatchingEvents()
    {
        foreach (var (name, job) in new[] { ("e1", "job-a"), ("e2", "job-b") })
        {
            await _client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = name },
                InvolvedObject = new V1ObjectReference { Kind = "ImagePrePullJob", Name = job },
                Reason = "SecretSkipped",
                Type = "Warning",
                Message = "secret default/x is not a docker config",
            }, "default", cancellationToken: Ct);
        }

        var events = await _client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.name=job-b,type=Warning", cancellationToken: Ct);

        Assert.Equal(["e2"], events.Items.Select(e => e.Metadata.Name));
        await _client.CoreV1.DeleteNamespacedEventAsync("e2", "default", cancellationToken: Ct);
        Assert.Equal(["e1"], (await _client.CoreV1.ListNamespacedEventAsync("default", cancellationToken: Ct)).Items.Select(e => e.Metadata.Name));
    }

    [Fact]
    public async Task Namespaces_CreateInMissingNamespace_Returns404UntilCreated()
    {
        await ClientCalls.FailsWithAsync(404, () => _client.CoreV1.CreateNamespacedPodAsync(Pod("p", "edge-1"), "kubeedge-prepull", cancellationToken: Ct));

        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "kubeedge-prepull" } }, cancellationToken: Ct);
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("p", "edge-1"), "kubeedge-prepull", cancellationToken: Ct);
        Assert.Contains((await _client.CoreV1.ListNamespaceAsync(cancellationToken: Ct)).Items, n => n.Metadata.Name == "kubeedge-prepull");

        await _client.CoreV1.DeleteNamespaceAsync("kubeedge-prepull", cancellationToken: Ct);
        Assert.Empty((await _client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: Ct)).Items);
    }

    [Fact]
    public async Task Leases_ReplaceWithStaleResourceVersion_Returns409Conflict()
    {
        var lease = await _client.CoordinationV1.CreateNamespacedLeaseAsync(
            new V1Lease { Metadata = new V1ObjectMeta { Name = "prepull-leader" }, Spec = new V1LeaseSpec { HolderIdentity = "a", LeaseDurationSeconds = 15 } }, "kube-system", cancellationToken: Ct);
        lease.Spec.HolderIdentity = "b";
        var replaced = await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "prepull-leader", "kube-system", cancellationToken: Ct);

        lease.Spec.HolderIdentity = "c";
        var body = await ClientCalls.FailsWithAsync(409, () => _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "prepull-leader", "kube-system", cancellationToken: Ct));

        Assert.Contains("\"reason\":\"Conflict\"", body, StringComparison.Ordinal);
        Assert.Equal("b", (await _client.CoordinationV1.ReadNamespacedLeaseAsync("prepull-leader", "kube-system", cancellationToken: Ct)).Spec.HolderIdentity);
        Assert.Equal(2, replaced.Metadata.Generation);
        await _client.CoordinationV1.DeleteNamespacedLeaseAsync("prepull-leader", "kube-system", cancellationToken: Ct);
        Assert.Empty((await _client.CoordinationV1.ListNamespacedLeaseAsync("kube-system", cancellationToken: Ct)).Items);
    }

    [Fact]
    public async Task Create_ExistingName_Returns409AlreadyExists()
    {
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("same", "edge-1"), "default", cancellationToken: Ct);

        var body = await ClientCalls.FailsWithAsync(409, () => _client.CoreV1.CreateNamespacedPodAsync(Pod("same", "edge-1"), "default", cancellationToken: Ct));

        Assert.Contains("\"reason\":\"AlreadyExists\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_GenerateName_GetsUniqueNameWithThePrefix()
    {
        var pod = Pod(null, "edge-1");
        pod.Metadata.GenerateName = "prepull-";

        var first = await _client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Ct);
        var second = await _client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Ct);

        Assert.StartsWith("prepull-", first.Metadata.Name, StringComparison.Ordinal);
        Assert.NotEqual(first.Metadata.Name, second.Metadata.Name);
    }

    [Fact]
    public async Task Create_WithoutName_Returns422Invalid()
    {
        var body = await ClientCalls.FailsWithAsync(422, () => _client.CoreV1.CreateNamespacedPodAsync(Pod(null, "edge-1"), "default", cancellationToken: Ct));

        Assert.Contains("metadata.name", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_WithFinalizer_MarksThenRemovalOfLastFinalizerDeletes()
    {
        var pod = Pod("guarded", "edge-1");
        pod.Metadata.Finalizers = ["kubeedge.io/imageprepulljob-controller"];
        await _client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Ct);

        var marked = await _client.CoreV1.DeleteNamespacedPodAsync("guarded", "default", cancellationToken: Ct);
        var stillThere = await _client.CoreV1.ReadNamespacedPodAsync("guarded", "default", cancellationToken: Ct);
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.NotNull(stillThere.Metadata.DeletionTimestamp);

        await _client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "guarded", "default", cancellationToken: Ct);
        await ClientCalls.FailsWithAsync(404, () => _client.CoreV1.ReadNamespacedPodAsync("guarded", "default", cancellationToken: Ct));
    }

    [Fact]
    public async Task Delete_StaleResourceVersionPrecondition_Returns409()
    {
        var pod = await _client.CoreV1.CreateNamespacedPodAsync(Pod("p", "edge-1"), "default", cancellationToken: Ct);
        await _client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.StrategicMergePatch), "p", "default", cancellationToken: Ct);

        await ClientCalls.FailsWithAsync(409, () => _client.CoreV1.DeleteNamespacedPodAsync("p", "default", body: new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = pod.Metadata.ResourceVersion } }, cancellationToken: Ct));
    }

    internal static V1Pod Pod(string? name, string node) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            NodeName = node,
            RestartPolicy = "Never",
            Containers = [new V1Container { Name = "c0", Image = "nginx:1.27" }],
        },
    };
}

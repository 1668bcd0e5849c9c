using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Jobs;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Testing.Tests.Kubectl;

/// <summary>
/// The real kubectl prints the embedded server's tables with kube-apiserver's headers (kube's
/// <c>pkg/printers/internalversion</c> column definitions) for every built-in kind it stores, and keeps the CRD's
/// printer columns on every row of <c>kubectl get -w</c>.
/// </summary>
public sealed partial class KubectlTableTests : KubectlTests
{
    [Fact]
    public async Task GetEvents_PrintsKubeApiserverEventColumns()
    {
        await CreateEventAsync();

        var rows = await GetAsync("get", "events", "-n", "default");

        Assert.Equal(["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], rows[0]);
        Assert.Equal(["Normal", "JobStarted", "imageprepulljob/warm-nginx", "Started on 3 nodes"], rows[1][1..]);
    }

    [Fact]
    public async Task GetEventsWide_PrintsThePriorityOneColumnsInKubesOrder()
    {
        await CreateEventAsync();

        var rows = await GetAsync("get", "events", "-n", "default", "-o", "wide");

        Assert.Equal(["LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"], rows[0]);
        Assert.Equal(["Normal", "JobStarted", "imageprepulljob/warm-nginx"], rows[1][1..4]);
        Assert.Equal("imageprepull-controller", rows[1][4]);
        Assert.Equal(["Started on 3 nodes"], rows[1][5..6]);
        Assert.Equal(["2", "warm-nginx.1"], rows[1][^2..]);
    }

    [Fact]
    public async Task GetSecrets_PrintsTypeAndKeyCountNeverValues()
    {
        await _client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "regcred" }, Type = "kubernetes.io/dockerconfigjson", StringData = new Dictionary<string, string> { [".dockerconfigjson"] = "{\"auths\":{}}" } },
            "default",
            cancellationToken: Ct);

        var (code, output, error) = await _kubectl.RunAsync("get", "secrets", "-n", "default");

        Assert.True(code == 0, error);
        var rows = Rows(output);
        Assert.Equal(["NAME", "TYPE", "DATA", "AGE"], rows[0]);
        Assert.Equal(["regcred", "kubernetes.io/dockerconfigjson", "1"], rows[1][..3]);
        Assert.DoesNotContain("auths", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetNamespaces_PrintsStatusActive()
    {
        var rows = await GetAsync("get", "namespaces");

        Assert.Equal(["NAME", "STATUS", "AGE"], rows[0]);
        Assert.Contains(rows[1..], r => r[0] == "default" && r[1] == "Active");
    }

    [Fact]
    public async Task GetLeases_PrintsHolder()
    {
        await _client.CoordinationV1.CreateNamespacedLeaseAsync(
            new V1Lease { Metadata = new V1ObjectMeta { Name = "imageprepull-controller" }, Spec = new V1LeaseSpec { HolderIdentity = "controller-0" } },
            "default",
            cancellationToken: Ct);

        var rows = await GetAsync("get", "leases", "-n", "default");

        Assert.Equal(["NAME", "HOLDER", "AGE"], rows[0]);
        Assert.Equal(["imageprepull-controller", "controller-0"], rows[1][..2]);
    }

    [Fact]
    public async Task GetCustomResourceDefinitions_PrintsCreatedAt()
    {
        await _client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(ImagePrePullJobCrd.Load(), cancellationToken: Ct);

        var rows = await GetAsync("get", "customresourcedefinitions");

        Assert.Equal(["NAME", "CREATED AT"], rows[0]);
        Assert.Equal("imageprepulljobs.operations.kubeedge.io", rows[1][0]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", rows[1][1]);
    }

    [Fact]
    public async Task GetNodesWide_PrintsTheWideColumns()
    {
        _server.Fleet.AddNodes(new KubeEdge.PrePull.Testing.Fleet.NodeFleetOptions { Count = 1 });

        var rows = await GetAsync("get", "nodes", "-o", "wide");

        Assert.Equal(["NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"], rows[0]);
    }

    [Fact]
    public async Task GetPodsWide_PrintsTheWideColumns()
    {
        await _client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec { NodeName = "edge-node-0", Containers = [new V1Container { Name = "c", Image = "nginx:1.27" }] } },
            "default",
            cancellationToken: Ct);

        var rows = await GetAsync("get", "pods", "-n", "default", "-o", "wide");

        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"], rows[0]);
        Assert.Equal(["p", "0/1", "Pending", "0"], rows[1][..4]);
        Assert.Equal(["<none>", "edge-node-0", "<none>", "<none>"], rows[1][^4..]);
    }

    [Fact]
    public async Task GetJobsWatch_UpdatesKeepThePrinterColumns()
    {
        await new ImagePrePullJobClient(_client).CreateAsync(new ImagePrePullJob { Metadata = new V1ObjectMeta { Name = "warm-nginx" }, Spec = new ImagePrePullJobSpec { ImagePrePullTemplate = new ImagePrePullTemplate { Images = ["nginx:1.27"], NodeNames = ["edge-node-0"] } } }, Ct);
        using var watch = _kubectl.Stream("get", "imageprepulljobs", "-w");

        var header = Split(await watch.NextLineAsync(Eventually.Timeout));
        var first = Split(await watch.NextLineAsync(Eventually.Timeout));
        await _client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch("""{"status":{"phase":"InProgress","summary":{"total":3,"successful":2,"failed":1}}}""", V1Patch.PatchType.MergePatch),
            ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, "warm-nginx",
            cancellationToken: Ct);
        var update = Split(await watch.NextLineAsync(Eventually.Timeout));

        Assert.Equal(["NAME", "PHASE", "TOTAL", "SUCCEEDED", "FAILED", "AGE"], header);
        Assert.Equal("warm-nginx", first[0]);
        Assert.Equal(6, update.Length);
        Assert.Equal(["warm-nginx", "InProgress", "3", "2", "1"], update[..5]);
    }

    [Fact]
    public async Task GetJobsWide_TrimmedStatus_ShowsTheOmittedCountAtBothVersions()
    {
        await new ImagePrePullJobClient(_client).CreateAsync(new ImagePrePullJob { Metadata = new V1ObjectMeta { Name = "big" }, Spec = new ImagePrePullJobSpec { ImagePrePullTemplate = new ImagePrePullTemplate { Images = ["nginx:1.27"], NodeNames = ["edge-node-0"] } } }, Ct);

        // Written at v1alpha1: its schema keeps the field as the v1alpha2 one does.
        await _client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch("""{"status":{"phase":"InProgress","summary":{"total":1500,"successful":1495,"failed":5},"nodeStatusOmitted":{"count":1495,"reason":"DetailLimit","listedPhases":["Failure"]}}}""", V1Patch.PatchType.MergePatch),
            ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha1, ImagePrePullJobNames.Plural, "big",
            cancellationToken: Ct);

        var v2 = await GetAsync("get", "imageprepulljobs", "-o", "wide");
        var v1 = await GetAsync("get", "imageprepulljobs.v1alpha1.operations.kubeedge.io", "-o", "wide");
        var plain = await GetAsync("get", "imageprepulljobs");

        Assert.All((string[][][])[v2, v1], rows =>
        {
            Assert.Equal(["NAME", "PHASE", "TOTAL", "SUCCEEDED", "FAILED", "OMITTED", "AGE"], rows[0]);
            Assert.Equal(["big", "InProgress", "1500", "1495", "5", "1495"], rows[1][..6]);
        });
        Assert.Equal(["NAME", "PHASE", "TOTAL", "SUCCEEDED", "FAILED", "AGE"], plain[0]);
    }

    [Fact]
    public async Task GetEventsWatch_NewEventsArriveAsEventRows()
    {
        using var watch = _kubectl.Stream("get", "events", "-n", "default", "-w");
        await CreateEventAsync();
        var row = Split(await watch.NextLineAsync(Eventually.Timeout));
        if (row[0] == "LAST SEEN")
        {
            row = Split(await watch.NextLineAsync(Eventually.Timeout));
        }

        Assert.Equal(["Normal", "JobStarted", "imageprepulljob/warm-nginx", "Started on 3 nodes"], row[1..]);
    }

    private async Task<string[][]> GetAsync(params string[] args)
    {
        var (code, output, error) = await _kubectl.RunAsync(args);
        Assert.True(code == 0, error);
        return Rows(output);
    }

    private Task<Corev1Event> CreateEventAsync() =>
        _client.CoreV1.CreateNamespacedEventAsync(
            new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = "warm-nginx.1" },
                InvolvedObject = new V1ObjectReference { Kind = "ImagePrePullJob", Name = "warm-nginx", ApiVersion = "operations.kubeedge.io/v1alpha2" },
                Reason = "JobStarted",
                Message = "Started on 3 nodes",
                Type = "Normal",
                Count = 2,
                Source = new V1EventSource { Component = "imageprepull-controller" },
                FirstTimestamp = TimeProvider.System.GetUtcNow().UtcDateTime,
                LastTimestamp = TimeProvider.System.GetUtcNow().UtcDateTime,
            },
            "default",
            cancellationToken: Ct);

    // kubectl pads columns with at least three spaces; headers like "LAST SEEN" have one.
    private static string[][] Rows(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Split).ToArray();

    private static string[] Split(string line) => ColumnGap().Split(line.Trim());

    [GeneratedRegex(" {2,}")]
    private static partial Regex ColumnGap();
}

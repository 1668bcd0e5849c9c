using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Jobs;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Testing.Tests;

/// <summary>The ImagePrePullJob CRD through KubernetesClient: both versions, the status subresource rules, generation and conflicts.</summary>
public sealed class ImagePrePullJobResourceTests() : ApiServerTests(new ApiServerFixture())
{
    private const string Group = ImagePrePullJobNames.Group;
    private const string Plural = ImagePrePullJobNames.Plural;

    private ImagePrePullJobClient Jobs => new(_client);

    [Fact]
    public async Task Create_StatusInBody_IsDroppedAndServedAtBothVersions()
    {
        var job = Job("j1");
        job.Status = new ImagePrePullJobStatus { Phase = JobPhases.Completed };

        var created = await Jobs.CreateAsync(job, Ct);
        var asV1Alpha1 = (await Jobs.V1Alpha1.GetAsync("j1", Ct))!;

        Assert.Null(created.Status);
        Assert.Equal(ImagePrePullJobNames.GroupVersionV1Alpha1, asV1Alpha1.ApiVersion);
        Assert.Equal(["nginx:1.27"], asV1Alpha1.Spec.ImagePrePullTemplate!.Images!);
    }

    [Fact]
    public async Task Create_WithoutOptionalFields_GetsTheCrdDefaults()
    {
        var created = await Jobs.V1Alpha1.CreateAsync(new Api.V1Alpha1.ImagePrePullJob { Metadata = Job("j1").Metadata, Spec = Job("j1").Spec }, Ct);

        var template = created.Spec.ImagePrePullTemplate!;
        Assert.Equal(["disk"], template.CheckItems!);
        Assert.Equal("0.1", template.FailureTolerate);
        Assert.Equal(1, template.Concurrency);
        Assert.Equal(300, template.TimeoutSeconds);
        Assert.Equal("IfNotPresent", template.ImagePullPolicy);
        Assert.Null(template.RetryTimes);
    }

    [Fact]
    public async Task Create_UnknownFields_ArePrunedLikeKubeApiserver()
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse("""
            {"apiVersion":"operations.kubeedge.io/v1alpha2","kind":"ImagePrePullJob","metadata":{"name":"j1","labels":{"kept":"yes"}},
             "spec":{"imagePrePullTemplate":{"images":["nginx:1.27"],"imagez":["typo"]},"bogus":1},"extra":true}
            """)!;

        await _client.CustomObjects.CreateClusterCustomObjectAsync(body, Group, "v1alpha2", Plural, cancellationToken: Ct);
        var stored = await _client.CustomObjects.GetClusterCustomObjectAsync<System.Text.Json.JsonElement>(Group, "v1alpha2", Plural, "j1", cancellationToken: Ct);

        Assert.False(stored.TryGetProperty("extra", out _));
        Assert.False(stored.GetProperty("spec").TryGetProperty("bogus", out _));
        Assert.False(stored.GetProperty("spec").GetProperty("imagePrePullTemplate").TryGetProperty("imagez", out _));
        Assert.Equal("yes", stored.GetProperty("metadata").GetProperty("labels").GetProperty("kept").GetString());
    }

    [Fact]
    public async Task Create_UnknownFieldWithStrictValidation_Returns400NamingIt()
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse("""{"apiVersion":"operations.kubeedge.io/v1alpha2","kind":"ImagePrePullJob","metadata":{"name":"j1"},"spec":{"imagePrePullTemplate":{"imagez":["typo"]}}}""")!;

        var error = await ClientCalls.FailsWithAsync(400, () => _client.CustomObjects.CreateClusterCustomObjectAsync(body, Group, "v1alpha2", Plural, fieldValidation: "Strict", cancellationToken: Ct));

        Assert.Contains("strict decoding error: unknown field \\\"spec.imagePrePullTemplate.imagez\\\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MainEndpoint_IgnoresStatusAndBumpsGenerationOnSpecChange()
    {
        var created = await Jobs.CreateAsync(Job("j1"), Ct);
        created.Spec.ImagePrePullTemplate!.Images = ["nginx:1.28"];
        created.Status = new ImagePrePullJobStatus { Phase = JobPhases.Failure };

        var replaced = await _client.CustomObjects.ReplaceClusterCustomObjectAsync<ImagePrePullJob>(created, Group, "v1alpha2", Plural, "j1", cancellationToken: Ct);

        Assert.Null(replaced.Status);
        Assert.Equal(["nginx:1.28"], replaced.Spec.ImagePrePullTemplate!.Images!);
        Assert.Equal(2, replaced.Metadata.Generation);
    }

    [Fact]
    public async Task StatusEndpoint_IgnoresEverythingButStatusAndKeepsGeneration()
    {
        var created = await Jobs.CreateAsync(Job("j1"), Ct);
        created.Spec.ImagePrePullTemplate!.Images = ["evil:latest"];
        created.Metadata.Labels = new Dictionary<string, string> { ["ignored"] = "yes" };
        created.Status = new ImagePrePullJobStatus { Phase = JobPhases.InProgress, Summary = new JobSummary { Total = 3 } };

        var written = await _client.CustomObjects.ReplaceClusterCustomObjectStatusAsync<ImagePrePullJob>(created, Group, "v1alpha2", Plural, "j1", cancellationToken: Ct);

        Assert.Equal(JobPhases.InProgress, written.Status!.Phase);
        Assert.Equal(3, written.Status.Summary!.Total);
        Assert.Equal(["nginx:1.27"], written.Spec.ImagePrePullTemplate!.Images!);
        Assert.Null(written.Metadata.Labels);
        Assert.Equal(1, written.Metadata.Generation);
    }

    [Fact]
    public async Task StatusPatch_StaleResourceVersion_Returns409()
    {
        var created = await Jobs.CreateAsync(Job("j1"), Ct);
        await _client.CustomObjects.PatchClusterCustomObjectStatusAsync(new V1Patch("""{"status":{"phase":"InProgress"}}""", V1Patch.PatchType.MergePatch), Group, "v1alpha2", Plural, "j1", cancellationToken: Ct);

        var stale = "{\"metadata\":{\"resourceVersion\":\"" + created.Metadata.ResourceVersion + "\"},\"status\":{\"phase\":\"Failure\"}}";
        await ClientCalls.FailsWithAsync(409, () => _client.CustomObjects.PatchClusterCustomObjectStatusAsync(new V1Patch(stale, V1Patch.PatchType.MergePatch), Group, "v1alpha2", Plural, "j1", cancellationToken: Ct));

        var read = (await Jobs.GetAsync("j1", Ct))!;
        Assert.Equal(JobPhases.InProgress, read.Status!.Phase);
    }

    [Fact]
    public async Task StrategicMergePatch_OnCustomResource_Returns415()
    {
        await Jobs.CreateAsync(Job("j1"), Ct);

        await ClientCalls.FailsWithAsync(415, () => _client.CustomObjects.PatchClusterCustomObjectAsync(new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.StrategicMergePatch), Group, "v1alpha2", Plural, "j1", cancellationToken: Ct));
    }

    [Fact]
    public async Task ListAndDelete_LabelSelector_SelectsMatchingJobs()
    {
        foreach (var (name, tier) in new[] { ("a", "gold"), ("b", "silver"), ("c", "bronze") })
        {
            var job = Job(name);
            job.Metadata.Labels = new Dictionary<string, string> { ["tier"] = tier };
            await Jobs.V1Alpha1.CreateAsync(new Api.V1Alpha1.ImagePrePullJob { Metadata = job.Metadata, Spec = job.Spec }, Ct);
        }

        var list = await Jobs.ListAsync("tier in (gold,silver),tier!=silver", Ct);
        await Jobs.DeleteAsync("a", Ct);
        var remaining = await Jobs.ListAsync(cancellationToken: Ct);

        Assert.Equal(["a"], list.Select(j => j.Metadata.Name));
        Assert.Equal(["b", "c"], remaining.Select(j => j.Metadata.Name));
    }

    internal static ImagePrePullJob Job(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new ImagePrePullJobSpec { ImagePrePullTemplate = new ImagePrePullTemplate { Images = ["nginx:1.27"], NodeNames = ["edge-node-0"] } },
    };
}

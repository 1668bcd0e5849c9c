using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Testing.Tests.Resources;

/// <summary>Custom resources checked against the CRD's structural schema, answered like kube-apiserver (422 Invalid).</summary>
public sealed class SchemaValidationTests : RawApiServerTests
{
    private const string JobsPath = "apis/operations.kubeedge.io/v1alpha2/imageprepulljobs";
    [Fact]
    public async Task Create_StringWhereIntegerDeclared_Returns422NamingTheField()
    {
        var (code, status) = await SendAsync(HttpMethod.Post, JobsPath, Job("bad", """{"images":["nginx:1.27"],"nodeNames":["n1"],"concurrency":"string"}"""));

        Assert.Equal(422, code);
        Assert.Equal("Invalid", (string?)status["reason"]);
        Assert.Equal(
            "ImagePrePullJob.operations.kubeedge.io \"bad\" is invalid: spec.imagePrePullTemplate.concurrency: Invalid value: \"string\": spec.imagePrePullTemplate.concurrency in body must be of type integer: \"string\"",
            (string?)status["message"]);
        var cause = status["details"]!["causes"]![0]!;
        Assert.Equal("FieldValueInvalid", (string?)cause["reason"]);
        Assert.Equal("spec.imagePrePullTemplate.concurrency", (string?)cause["field"]);
        Assert.Equal("Invalid value: \"string\": spec.imagePrePullTemplate.concurrency in body must be of type integer: \"string\"", (string?)cause["message"]);
        Assert.Equal("ImagePrePullJob", (string?)status["details"]!["kind"]);
        Assert.Equal("operations.kubeedge.io", (string?)status["details"]!["group"]);
        Assert.Equal("bad", (string?)status["details"]!["name"]);
    }

    [Theory]
    [InlineData("""{"images":{"a":"nginx"}}""", "spec.imagePrePullTemplate.images", "Invalid value: \"object\": spec.imagePrePullTemplate.images in body must be of type array: \"object\"")]
    [InlineData("""{"images":["nginx",7]}""", "spec.imagePrePullTemplate.images[1]", "Invalid value: \"integer\": spec.imagePrePullTemplate.images[1] in body must be of type string: \"integer\"")]
    [InlineData("""{"concurrency":1.5}""", "spec.imagePrePullTemplate.concurrency", "Invalid value: \"number\": spec.imagePrePullTemplate.concurrency in body must be of type integer: \"number\"")]
    [InlineData("""{"concurrency":-1}""", "spec.imagePrePullTemplate.concurrency", "Invalid value: -1: spec.imagePrePullTemplate.concurrency in body should be greater than or equal to 0")]
    [InlineData("""{"concurrency":3000000000}""", "spec.imagePrePullTemplate.concurrency", "Invalid value: \"\": Checked value must be of type integer with format int32 in spec.imagePrePullTemplate.concurrency")]
    [InlineData("""{"timeoutSeconds":1e30}""", "spec.imagePrePullTemplate.timeoutSeconds", "Invalid value: \"\": Checked value must be of type integer with format int64 in spec.imagePrePullTemplate.timeoutSeconds")]
    [InlineData("""{"imagePullPolicy":"Sometimes"}""", "spec.imagePrePullTemplate.imagePullPolicy", "Unsupported value: \"Sometimes\": supported values: \"IfNotPresent\", \"Always\"")]
    [InlineData("""{"checkItems":["disk","gpu"]}""", "spec.imagePrePullTemplate.checkItems[1]", "Unsupported value: \"gpu\": supported values: \"disk\", \"mem\", \"cpu\"")]
    [InlineData("""{"labelSelector":{"matchExpressions":[{"key":"a"}]}}""", "spec.imagePrePullTemplate.labelSelector.matchExpressions[0].operator", "Required value")]
    [InlineData("""{"labelSelector":{"matchLabels":{"zone":5}}}""", "spec.imagePrePullTemplate.labelSelector.matchLabels.zone", "Invalid value: \"integer\": spec.imagePrePullTemplate.labelSelector.matchLabels.zone in body must be of type string: \"integer\"")]
    [InlineData("""{"failureTolerate":true}""", "spec.imagePrePullTemplate.failureTolerate", "Invalid value: \"boolean\": spec.imagePrePullTemplate.failureTolerate in body must be of type string: \"boolean\"")]
    public async Task Create_SchemaViolation_CauseUsesKubeApiserverWording(string template, string field, string message)
    {
        var (code, status) = await SendAsync(HttpMethod.Post, JobsPath, Job("bad", template));

        Assert.Equal(422, code);
        var cause = Assert.Single(status["details"]!["causes"]!.AsArray());
        Assert.Equal(field, (string?)cause!["field"]);
        Assert.Equal(message, (string?)cause["message"]);
        Assert.EndsWith($"is invalid: {field}: {message}", (string?)status["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_MissingSpec_IsRequired()
    {
        var (code, status) = await SendAsync(HttpMethod.Post, JobsPath, """{"apiVersion":"operations.kubeedge.io/v1alpha2","kind":"ImagePrePullJob","metadata":{"name":"bad"}}""");

        Assert.Equal(422, code);
        Assert.Equal("ImagePrePullJob.operations.kubeedge.io \"bad\" is invalid: spec: Required value", (string?)status["message"]);
        Assert.Equal("FieldValueRequired", (string?)status["details"]!["causes"]![0]!["reason"]);
    }

    [Fact]
    public async Task Create_TwoViolations_ListsBothInBrackets()
    {
        var (code, status) = await SendAsync(HttpMethod.Post, JobsPath, Job("bad", """{"concurrency":-1,"imagePullPolicy":"Never"}"""));

        Assert.Equal(422, code);
        Assert.Equal(
            "ImagePrePullJob.operations.kubeedge.io \"bad\" is invalid: [spec.imagePrePullTemplate.concurrency: Invalid value: -1: spec.imagePrePullTemplate.concurrency in body should be greater than or equal to 0, spec.imagePrePullTemplate.imagePullPolicy: Unsupported value: \"Never\": supported values: \"IfNotPresent\", \"Always\"]",
            (string?)status["message"]);
        Assert.Equal(2, status["details"]!["causes"]!.AsArray().Count);
    }

    [Fact]
    public async Task Create_Rejected_StoresNothing()
    {
        await SendAsync(HttpMethod.Post, JobsPath, Job("bad", """{"concurrency":"ten"}"""));

        var (code, _) = await SendAsync(HttpMethod.Get, JobsPath + "/bad", null);
        Assert.Equal(404, code);
    }

    [Fact]
    public async Task MergePatch_BadValue_Returns422AndKeepsTheStoredObject()
    {
        Assert.Equal(201, (await SendAsync(HttpMethod.Post, JobsPath, Job("j1", """{"images":["nginx:1.27"]}"""))).Code);

        var (code, status) = await SendAsync(HttpMethod.Patch, JobsPath + "/j1", """{"spec":{"imagePrePullTemplate":{"concurrency":"ten"}}}""", "application/merge-patch+json");
        var (_, stored) = await SendAsync(HttpMethod.Get, JobsPath + "/j1", null);

        Assert.Equal(422, code);
        Assert.Contains("spec.imagePrePullTemplate.concurrency in body must be of type integer: \"string\"", (string?)status["message"], StringComparison.Ordinal);
        Assert.Equal(1, (int?)stored["spec"]!["imagePrePullTemplate"]!["concurrency"]);
    }

    [Fact]
    public async Task Put_BadValue_Returns422()
    {
        Assert.Equal(201, (await SendAsync(HttpMethod.Post, JobsPath, Job("j1", """{"images":["nginx:1.27"]}"""))).Code);

        var (code, status) = await SendAsync(HttpMethod.Put, JobsPath + "/j1", Job("j1", """{"images":["nginx:1.27"],"retryTimes":-2}"""));

        Assert.Equal(422, code);
        Assert.Contains("spec.imagePrePullTemplate.retryTimes: Invalid value: -2:", (string?)status["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusPatch_PhaseOutsideEnum_Returns422NamingStatusField()
    {
        Assert.Equal(201, (await SendAsync(HttpMethod.Post, JobsPath, Job("j1", """{"images":["nginx:1.27"]}"""))).Code);

        var (code, status) = await SendAsync(HttpMethod.Patch, JobsPath + "/j1/status", """{"status":{"phase":"Running","summary":{"total":"x"}}}""", "application/merge-patch+json");

        Assert.Equal(422, code);
        Assert.Equal(
            "ImagePrePullJob.operations.kubeedge.io \"j1\" is invalid: [status.phase: Unsupported value: \"Running\": supported values: \"Init\", \"InProgress\", \"Completed\", \"Failure\", status.summary.total: Invalid value: \"string\": status.summary.total in body must be of type integer: \"string\"]",
            (string?)status["message"]);
    }

    [Fact]
    public async Task CreateUnvalidated_StoresWhatTheSchemaRejects_AndStatusWritesStillWork()
    {
        var stored = _server.CreateUnvalidated(Job("odd", """{"images":{"a":"nginx"},"concurrency":3000000000}"""));
        Assert.Equal("odd", (string?)stored["metadata"]!["name"]);

        var (code, got) = await SendAsync(HttpMethod.Get, JobsPath + "/odd", null);
        var (statusCode, _) = await SendAsync(HttpMethod.Patch, JobsPath + "/odd/status", """{"status":{"phase":"Failure","reason":"spec does not bind"}}""", "application/merge-patch+json");
        var (finalizerCode, _) = await SendAsync(HttpMethod.Patch, JobsPath + "/odd", """{"metadata":{"finalizers":["x/y"]}}""", "application/merge-patch+json");

        Assert.Equal(200, code);
        Assert.Equal(3_000_000_000L, (long?)got["spec"]!["imagePrePullTemplate"]!["concurrency"]);
        Assert.IsType<JsonObject>(got["spec"]!["imagePrePullTemplate"]!["images"]);
        Assert.Equal(200, statusCode);
        Assert.Equal(200, finalizerCode); // Unchanged invalid values are ratcheted, as kube-apiserver does.
    }

    [Fact]
    public async Task CreateUnvalidated_TakenName_ThrowsConflict()
    {
        _server.CreateUnvalidated(Job("odd", """{"concurrency":"ten"}"""));

        var error = Assert.ThrowsAny<Exception>(() => _server.CreateUnvalidated(Job("odd", """{"concurrency":"ten"}""")));

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_ValidationOff_AcceptsWhatTheSchemaRejects()
    {
        await using var lax = await EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions { ValidateCustomResources = false }, Ct);
        using var http = new HttpClient { BaseAddress = lax.Uri };

        using var response = await http.PostAsync(JobsPath, new StringContent(Job("odd", """{"concurrency":"ten"}"""), Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Create_NullForNonNullableField_IsDroppedThenDefaulted()
    {
        var (code, created) = await SendAsync(HttpMethod.Post, JobsPath, Job("j1", """{"images":["nginx:1.27"],"concurrency":null}"""));

        Assert.Equal(201, code);
        Assert.Equal(1, (int?)created["spec"]!["imagePrePullTemplate"]!["concurrency"]);
    }

    [Fact]
    public async Task ValidJob_FromTheTypedModel_IsAccepted()
    {
        using var client = _server.CreateClient();
        var job = new ImagePrePullJob
        {
            Metadata = new V1ObjectMeta { Name = "ok" },
            Spec = new ImagePrePullJobSpec { ImagePrePullTemplate = new ImagePrePullTemplate { Images = ["nginx:1.27"], NodeNames = ["n1"], Concurrency = 5, TimeoutSeconds = 60, CheckItems = ["disk", "mem"] } },
        };

        var created = await client.CustomObjects.CreateClusterCustomObjectAsync<ImagePrePullJob>(job, ImagePrePullJobNames.Group, "v1alpha2", ImagePrePullJobNames.Plural, cancellationToken: Ct);

        Assert.Equal(5, created.Spec.ImagePrePullTemplate!.Concurrency);
    }

    private static string Job(string name, string template) =>
        $$"""{"apiVersion":"operations.kubeedge.io/v1alpha2","kind":"ImagePrePullJob","metadata":{"name":"{{name}}"},"spec":{"imagePrePullTemplate":""" + template + "}}";
}

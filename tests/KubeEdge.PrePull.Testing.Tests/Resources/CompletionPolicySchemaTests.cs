using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Testing.Tests.Resources;

/// <summary>
/// The CRD enforces the types and ranges of <c>spec.completionPolicy</c> and <c>status.observedRerun</c> in both
/// served versions (docs/design.md §1 "Limits"), answered like kube-apiserver (422 Invalid).
/// </summary>
public sealed class CompletionPolicySchemaTests : RawApiServerTests
{
    private const string P = "spec.completionPolicy";

    public static TheoryData<string, string, string, string> Violations()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var version in new[] { ImagePrePullJobNames.V1Alpha1, ImagePrePullJobNames.V1Alpha2 })
        {
            data.Add(version, """{"type":"Sometimes"}""", $"{P}.type", "Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\"");
            data.Add(version, """{"activeDeadlineSeconds":0}""", $"{P}.activeDeadlineSeconds", $"Invalid value: 0: {P}.activeDeadlineSeconds in body should be greater than or equal to 1");
            data.Add(version, """{"activeDeadlineSeconds":4294968}""", $"{P}.activeDeadlineSeconds", $"Invalid value: 4294968: {P}.activeDeadlineSeconds in body should be less than or equal to 4294967");
            data.Add(version, """{"activeDeadlineSeconds":"1h"}""", $"{P}.activeDeadlineSeconds", $"Invalid value: \"string\": {P}.activeDeadlineSeconds in body must be of type integer: \"string\"");
            data.Add(version, """{"ttlSecondsAfterFinished":-1}""", $"{P}.ttlSecondsAfterFinished", $"Invalid value: -1: {P}.ttlSecondsAfterFinished in body should be greater than or equal to 0");
            data.Add(version, """{"ttlSecondsAfterFinished":4294968}""", $"{P}.ttlSecondsAfterFinished", $"Invalid value: 4294968: {P}.ttlSecondsAfterFinished in body should be less than or equal to 4294967");
            data.Add(version, """{"ttlSecondsAfterFinished":1.5}""", $"{P}.ttlSecondsAfterFinished", $"Invalid value: \"number\": {P}.ttlSecondsAfterFinished in body must be of type integer: \"number\"");
            data.Add(version, "\"Never\"", P, $"Invalid value: \"string\": {P} in body must be of type object: \"string\"");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Create_PolicyOutsideTheSchema_Returns422NamingTheField(string version, string policy, string field, string message)
    {
        var (code, status) = await SendAsync(HttpMethod.Post, Path(version), Job(version, "bad", policy));

        Assert.Equal(422, code);
        var cause = Assert.Single(status["details"]!["causes"]!.AsArray());
        Assert.Equal(field, (string?)cause!["field"]);
        Assert.Equal(message, (string?)cause["message"]);
    }

    [Theory]
    [InlineData(ImagePrePullJobNames.V1Alpha1)]
    [InlineData(ImagePrePullJobNames.V1Alpha2)]
    public async Task Create_PolicyAtTheLimits_IsStored_TypeDefaultsToAlways(string version)
    {
        var (code, body) = await SendAsync(HttpMethod.Post, Path(version), Job(version, "ok", """{"activeDeadlineSeconds":4294967,"ttlSecondsAfterFinished":0}"""));

        Assert.Equal(201, code);
        Assert.Equal("""{"activeDeadlineSeconds":4294967,"ttlSecondsAfterFinished":0,"type":"Always"}""", body["spec"]!["completionPolicy"]!.ToJsonString());
    }

    [Fact]
    public async Task StatusPatch_ObservedRerun_IsKept_UpToItsMaxLength()
    {
        var (created, _) = await SendAsync(HttpMethod.Post, Path(ImagePrePullJobNames.V1Alpha2), Job(ImagePrePullJobNames.V1Alpha2, "j1", """{"type":"Never"}"""));
        Assert.Equal(201, created);
        var longest = new string('r', ImagePrePullJobLimits.MaxRerunValueLength);

        var (ok, stored) = await SendAsync(HttpMethod.Patch, Path(ImagePrePullJobNames.V1Alpha2) + "/j1/status", $$$"""{"status":{"observedRerun":"{{{longest}}}"}}""", "application/merge-patch+json");
        var (tooLong, status) = await SendAsync(HttpMethod.Patch, Path(ImagePrePullJobNames.V1Alpha2) + "/j1/status", $$$"""{"status":{"observedRerun":"{{{longest}}}r"}}""", "application/merge-patch+json");
        var (wrongType, typeStatus) = await SendAsync(HttpMethod.Patch, Path(ImagePrePullJobNames.V1Alpha1) + "/j1/status", """{"status":{"observedRerun":7}}""", "application/merge-patch+json");

        Assert.Equal(200, ok);
        Assert.Equal(longest, (string?)stored["status"]!["observedRerun"]);
        Assert.Equal(422, tooLong);
        Assert.Equal("status.observedRerun", (string?)status["details"]!["causes"]![0]!["field"]);
        Assert.Equal(422, wrongType);
        Assert.Equal("Invalid value: \"integer\": status.observedRerun in body must be of type string: \"integer\"", (string?)typeStatus["details"]!["causes"]![0]!["message"]);
    }

    private static string Path(string version) => $"apis/operations.kubeedge.io/{version}/imageprepulljobs";

    private static string Job(string version, string name, string policy) =>
        $$$"""{"apiVersion":"operations.kubeedge.io/{{{version}}}","kind":"ImagePrePullJob","metadata":{"name":"{{{name}}}","annotations":{"operations.kubeedge.io/rerun":"1"}},"spec":{"imagePrePullTemplate":{"images":["nginx:1.27"],"nodeNames":["n1"]},"completionPolicy":""" + policy + "}}";
}

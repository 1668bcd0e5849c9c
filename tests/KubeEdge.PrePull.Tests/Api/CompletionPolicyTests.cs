using System.Text.Json.Nodes;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Serialization;

namespace KubeEdge.PrePull.Tests.Api;

/// <summary>The completion policy, the rerun annotation and <c>status.observedRerun</c> read and write back in both versions (docs/design.md §1).</summary>
public sealed class CompletionPolicyTests
{
    [Theory]
    [InlineData(ImagePrePullJobNames.GroupVersionV1Alpha1)]
    [InlineData(ImagePrePullJobNames.GroupVersionV1Alpha2)]
    public void Deserialize_YamlWithEveryNewField_ReadsAndWritesBackUnchanged(string apiVersion)
    {
        var yaml = $"""
            apiVersion: {apiVersion}
            kind: ImagePrePullJob
            metadata:
              name: j
              annotations:
                operations.kubeedge.io/rerun: "2026-12-06T05:00:00Z"
            spec:
              imagePrePullTemplate:
                images: [nginx:1.27]
                nodeNames: [n1]
              completionPolicy:
                type: Never
                activeDeadlineSeconds: 3600
                ttlSecondsAfterFinished: 0
            status:
              phase: Completed
              observedRerun: "2026-12-06T05:00:00Z"
            """;

        var job = ImagePrePullJobSerializer.Deserialize(yaml);

        Assert.Equal(apiVersion, job.ApiVersion);
        Assert.Equal("2026-12-06T05:00:00Z", job.Metadata.Annotations[ImagePrePullJobNames.RerunAnnotation]);
        Assert.Equal(new CompletionPolicy { Type = CompletionPolicyTypes.Never, ActiveDeadlineSeconds = 3600, TtlSecondsAfterFinished = 0 }, job.Spec.CompletionPolicy);
        Assert.Equal("2026-12-06T05:00:00Z", job.Status!.ObservedRerun);

        var tree = JsonNode.Parse(ImagePrePullJobSerializer.Serialize(job))!;
        Assert.Equal(apiVersion, (string?)tree["apiVersion"]);
        Assert.Equal("""{"type":"Never","activeDeadlineSeconds":3600,"ttlSecondsAfterFinished":0}""", tree["spec"]!["completionPolicy"]!.ToJsonString());
        Assert.Equal("2026-12-06T05:00:00Z", (string?)tree["status"]!["observedRerun"]);
        Assert.Equal("2026-12-06T05:00:00Z", (string?)tree["metadata"]!["annotations"]!["operations.kubeedge.io/rerun"]);
    }

    [Fact]
    public void Serialize_NoPolicy_WritesNoPolicyAndNoObservedRerun()
    {
        var job = new ImagePrePullJob { Metadata = new() { Name = "j" }, Spec = new() { ImagePrePullTemplate = new() { Images = ["nginx"] } }, Status = new() { Phase = JobPhases.Completed } };

        var tree = JsonNode.Parse(ImagePrePullJobSerializer.Serialize(job))!;

        Assert.False(tree["spec"]!.AsObject().ContainsKey("completionPolicy"));
        Assert.False(tree["status"]!.AsObject().ContainsKey("observedRerun"));
    }

    [Fact]
    public void ToV1Alpha2_V1Alpha1Job_KeepsPolicyAndObservedRerun()
    {
        var v1 = new KubeEdge.PrePull.Api.V1Alpha1.ImagePrePullJob
        {
            Metadata = new() { Name = "j", Annotations = new Dictionary<string, string> { [ImagePrePullJobNames.RerunAnnotation] = "1" } },
            Spec = new() { CompletionPolicy = new() { TtlSecondsAfterFinished = 60 } },
            Status = new() { ObservedRerun = "1" },
        };

        var v2 = v1.ToV1Alpha2();

        Assert.Equal(60, v2.Spec.CompletionPolicy!.TtlSecondsAfterFinished);
        Assert.Equal("1", v2.Status!.ObservedRerun);
        Assert.Equal("1", v2.Metadata.Annotations[ImagePrePullJobNames.RerunAnnotation]);
    }

    [Fact]
    public void Deserialize_DeadlineAsString_NamesTheField()
    {
        var ex = Assert.Throws<ImagePrePullJobFormatException>(() => ImagePrePullJobSerializer.Deserialize(
            """{"apiVersion":"operations.kubeedge.io/v1alpha2","kind":"ImagePrePullJob","metadata":{"name":"j"},"spec":{"completionPolicy":{"activeDeadlineSeconds":"soon"}}}"""));

        Assert.Equal("spec.completionPolicy.activeDeadlineSeconds", ex.FieldPath);
    }

    [Fact]
    public void Names_RerunAnnotation_IsInTheApiGroup()
    {
        Assert.Equal("operations.kubeedge.io/rerun", ImagePrePullJobNames.RerunAnnotation);
        Assert.Equal(["Always", "Never"], CompletionPolicyTypes.All);
    }

    [Fact]
    public void Defaults_AbsentType_IsAlways_AbsentPolicyStaysAbsent()
    {
        var withPolicy = new ImagePrePullJob { Spec = new() { CompletionPolicy = new() { TtlSecondsAfterFinished = 5 } } };
        var withoutPolicy = new ImagePrePullJob();

        Assert.Equal(CompletionPolicyTypes.Always, ImagePrePullJobDefaults.CompletionPolicyType);
        Assert.Equal(new CompletionPolicy { Type = "Always", TtlSecondsAfterFinished = 5 }, ImagePrePullJobDefaults.Apply(withPolicy).Spec.CompletionPolicy);
        Assert.Null(withPolicy.Spec.CompletionPolicy!.Type); // the input is not modified
        Assert.Null(ImagePrePullJobDefaults.Apply(withoutPolicy).Spec.CompletionPolicy);
        Assert.Equal("Never", ImagePrePullJobDefaults.Apply(new CompletionPolicy { Type = "Never" }).Type);
    }
}

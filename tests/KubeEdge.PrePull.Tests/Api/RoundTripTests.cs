using System.Globalization;
using System.Text.Json.Nodes;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Serialization;
using KubeEdge.PrePull.TestSupport;
using KubeEdge.PrePull.Validation;

namespace KubeEdge.PrePull.Tests.Api;

public sealed class RoundTripTests
{
    public static TheoryData<string> UpstreamObjects()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Vector("kubeedge"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UpstreamObjects))]
    public void Deserialize_UpstreamObject_SerializesBackWithNoFieldLostOrRenamed(string file)
    {
        var original = File.ReadAllText(RepoPaths.Vector(Path.Combine("kubeedge", file)));

        var job = ImagePrePullJobSerializer.Deserialize(original);
        var written = ImagePrePullJobSerializer.Serialize(job);

        AssertSameTree(JsonNode.Parse(original), JsonNode.Parse(written), "$");
    }

    [Fact]
    public void Deserialize_UpstreamObjects_AreNotEmpty()
    {
        // Guards the theory above against an empty vector folder passing vacuously.
        Assert.True(UpstreamObjects().Count >= 2);
    }

    [Fact]
    public void Deserialize_V1Alpha2UpstreamObject_ReadsStatusDetails()
    {
        var job = ImagePrePullJobSerializer.Deserialize(File.ReadAllText(RepoPaths.Vector("kubeedge/v1alpha2-upstream-object.json")));

        Assert.Equal(ImagePrePullJobNames.GroupVersionV1Alpha2, job.ApiVersion);
        Assert.Equal("0.5", job.Spec.ImagePrePullTemplate!.FailureTolerate);
        Assert.Equal("default/registry-secret", job.Spec.ImagePrePullTemplate.ImageSecrets);
        Assert.Equal(JobPhases.Failure, job.Status!.Phase);
        Assert.Equal(3, job.Status.NodeStatus!.Count);
        Assert.Equal(NodeTaskPhases.Unknown, job.Status.NodeStatus[2].Phase);
        Assert.Equal("False", job.Status.NodeStatus[1].ImageStatus![1].Status);
    }

    [Fact]
    public void DeserializeYaml_UpstreamV1Alpha1Sample_LoadsAndValidates()
    {
        var job = ImagePrePullJobSerializer.Deserialize(File.ReadAllText(RepoPaths.Vector("kubeedge/v1alpha1-upstream-sample.yaml")));

        Assert.Equal(ImagePrePullJobNames.GroupVersionV1Alpha1, job.ApiVersion);
        Assert.Equal("imageprepull-example", job.Metadata.Name);
        Assert.Equal(["busybox:latest"], job.Spec.ImagePrePullTemplate!.Images!);
        Assert.Equal(["edgenode1"], job.Spec.ImagePrePullTemplate.NodeNames!);
        Assert.Equal(300, job.Spec.ImagePrePullTemplate.TimeoutSeconds);
        Assert.Equal(1, job.Spec.ImagePrePullTemplate.RetryTimes);
        Assert.Empty(ImagePrePullJobValidator.Validate(job));
    }

    [Fact]
    public void ToV1Alpha2_V1Alpha1Job_KeepsSpecAndStatus()
    {
        var v1 = new KubeEdge.PrePull.Api.V1Alpha1.ImagePrePullJob
        {
            Metadata = new() { Name = "j" },
            Spec = new() { ImagePrePullTemplate = new() { Images = ["nginx"] } },
            Status = new() { State = TaskStates.Pulling },
        };

        var v2 = v1.ToV1Alpha2();

        Assert.Equal(ImagePrePullJobNames.GroupVersionV1Alpha2, v2.ApiVersion);
        Assert.Same(v1.Spec, v2.Spec);
        Assert.Equal(TaskStates.Pulling, v2.Status!.State);
    }

    [Fact]
    public void Serialize_NewFields_UseTheirContractNames()
    {
        var job = new ImagePrePullJob
        {
            Metadata = new() { Name = "j" },
            Spec = new()
            {
                ImagePrePullTemplate = new() { Images = ["nginx"], PullSecrets = ["a/b"], ImagePullPolicy = ImagePullPolicies.Always },
                ImagePrePullOverriders = [new() { NodeLabel = "a=b", Overriders = new() { SecretOverriders = [new() { Component = "SecretName", Operator = "add", Value = "s" }] } }],
            },
            Status = new()
            {
                Summary = new() { Total = 1, Successful = 1 },
                NodeStatus = [new() { NodeName = "n", ImageStatus = [new() { Image = "nginx", ResolvedImage = "m/nginx", ImageRef = "sha256:x", Secret = "a/b" }] }],
            },
        };

        var tree = JsonNode.Parse(ImagePrePullJobSerializer.Serialize(job))!;

        Assert.Equal("a/b", (string?)tree["spec"]!["imagePrePullTemplate"]!["pullSecrets"]![0]);
        Assert.Equal("Always", (string?)tree["spec"]!["imagePrePullTemplate"]!["imagePullPolicy"]);
        Assert.Equal("s", (string?)tree["spec"]!["imagePrePullOverriders"]![0]!["overriders"]!["secretOverriders"]![0]!["value"]);
        Assert.Equal(1, (int?)tree["status"]!["summary"]!["total"]);
        var image = tree["status"]!["nodeStatus"]![0]!["imageStatus"]![0]!;
        Assert.Equal("m/nginx", (string?)image["resolvedImage"]);
        Assert.Equal("sha256:x", (string?)image["imageRef"]);
        Assert.Equal("a/b", (string?)image["secret"]);
        Assert.Null(tree["status"]!["phase"]); // absent stays absent
    }

    // JSON trees are equal when they have the same keys and values; timestamps compare as instants, since the
    // Kubernetes serializer writes RFC 3339 with microseconds ("...00.000000Z") for "...00Z".
    private static void AssertSameTree(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject expectedObject:
                var actualObject = Assert.IsType<JsonObject>(actual, exactMatch: false);
                Assert.True(
                    expectedObject.Select(p => p.Key).Order(StringComparer.Ordinal).SequenceEqual(actualObject.Select(p => p.Key).Order(StringComparer.Ordinal)),
                    $"{path}: keys differ: expected [{string.Join(", ", expectedObject.Select(p => p.Key))}], got [{string.Join(", ", actualObject.Select(p => p.Key))}]");
                foreach (var (key, value) in expectedObject)
                {
                    AssertSameTree(value, actualObject[key], $"{path}.{key}");
                }

                break;
            case JsonArray expectedArray:
                var actualArray = Assert.IsType<JsonArray>(actual, exactMatch: false);
                Assert.True(expectedArray.Count == actualArray.Count, $"{path}: {expectedArray.Count} items expected, got {actualArray.Count}");
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    AssertSameTree(expectedArray[i], actualArray[i], $"{path}[{i}]");
                }

                break;
            case null:
                Assert.Null(actual);
                break;
            default:
                var e = expected.ToJsonString();
                var a = actual?.ToJsonString();
                if (e != a && IsTime(expected) && IsTime(actual))
                {
                    Assert.Equal(ParseTime(expected), ParseTime(actual!));
                }
                else
                {
                    Assert.True(e == a, $"{path}: expected {e}, got {a}");
                }

                break;
        }
    }

    private static bool IsTime(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length >= 20 && s[10] == 'T' && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    private static DateTimeOffset ParseTime(JsonNode node) =>
        DateTimeOffset.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

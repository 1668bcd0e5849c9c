using KubeEdge.PrePull.Serialization;

namespace KubeEdge.PrePull.Tests.Serialization;

public sealed class ImagePrePullJobSerializerTests
{
    private const string Header = "apiVersion: operations.kubeedge.io/v1alpha2\nkind: ImagePrePullJob\nmetadata: {name: j}\n";

    public static TheoryData<string, string, string> BadDocuments() => new()
    {
        // name, document, expected message (FieldPath: message)
        { "images as an object (the original proposal's sample)", Header + "spec:\n  imagePrePullTemplate:\n    images:\n      nginx: latest\n", "spec.imagePrePullTemplate.images: expected a list of strings, got an object" },
        { "an image as an object", Header + "spec:\n  imagePrePullTemplate:\n    images: [{name: nginx}]\n", "spec.imagePrePullTemplate.images[0]: expected a string, got an object" },
        { "unquoted failureTolerate", Header + "spec:\n  imagePrePullTemplate:\n    failureTolerate: 0.1\n", "spec.imagePrePullTemplate.failureTolerate: expected a string, got a number (quote the value)" },
        { "concurrency as text", Header + "spec:\n  imagePrePullTemplate:\n    concurrency: ten\n", "spec.imagePrePullTemplate.concurrency: expected an integer, got a string" },
        { "concurrency above the int range", Header + "spec:\n  imagePrePullTemplate:\n    concurrency: 3000000000\n", "spec.imagePrePullTemplate.concurrency: expected an integer from -2147483648 to 2147483647, got 3000000000" },
        { "retryTimes not whole", "{\"apiVersion\":\"operations.kubeedge.io/v1alpha2\",\"kind\":\"ImagePrePullJob\",\"spec\":{\"imagePrePullTemplate\":{\"retryTimes\":1.5}}}", "spec.imagePrePullTemplate.retryTimes: expected an integer from -2147483648 to 2147483647, got 1.5" },
        { "overriders as a map", Header + "spec:\n  imagePrePullOverriders: {nodeLabel: a}\n", "spec.imagePrePullOverriders: expected a list of objects, got an object" },
        { "spec as a list", Header + "spec: [a]\n", "spec: expected an object, got a list" },
        { "wrong kind", "apiVersion: operations.kubeedge.io/v1alpha2\nkind: Pod\n", "kind: expected \"ImagePrePullJob\", got \"Pod\"" },
        { "wrong apiVersion", "apiVersion: apps.kruise.io/v1alpha1\nkind: ImagePrePullJob\n", "apiVersion: expected \"operations.kubeedge.io/v1alpha2\" or \"operations.kubeedge.io/v1alpha1\", got \"apps.kruise.io/v1alpha1\"" },
        { "no apiVersion", "kind: ImagePrePullJob\n", "apiVersion: expected \"operations.kubeedge.io/v1alpha2\" or \"operations.kubeedge.io/v1alpha1\", got nothing" },
        { "two documents", Header + "---\n" + Header, "expected one ImagePrePullJob, found 2 YAML documents" },
        { "an empty document", "\n# only a comment\n", "the document is empty" },
        { "a scalar document", "hello", "expected an ImagePrePullJob object, got a string" },
        { "a duplicate key", Header + "spec: {}\nspec: {}\n", "malformed YAML at line 5, column 1: Duplicate key spec" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void Deserialize_BadDocument_ThrowsNamingTheField(string name, string document, string expected)
    {
        var ex = Assert.Throws<ImagePrePullJobFormatException>(() => ImagePrePullJobSerializer.Deserialize(document));

        Assert.True(expected == ex.Message, $"{name}: expected \"{expected}\", got \"{ex.Message}\"");
    }

    [Fact]
    public void Deserialize_MalformedJson_SaysWhere()
    {
        var ex = Assert.Throws<ImagePrePullJobFormatException>(() => ImagePrePullJobSerializer.Deserialize("{\"apiVersion\": \"operations.kubeedge.io/v1alpha2\",\n \"kind\": }"));

        Assert.StartsWith("malformed JSON at line 2", ex.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, ex.FieldPath);
    }

    [Fact]
    public void Deserialize_MalformedYaml_SaysWhere()
    {
        var ex = Assert.Throws<ImagePrePullJobFormatException>(() => ImagePrePullJobSerializer.Deserialize(Header + "spec:\n  imagePrePullTemplate: [a\n"));

        Assert.StartsWith("malformed YAML at line", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_FieldError_ExposesThePath()
    {
        var ex = Assert.Throws<ImagePrePullJobFormatException>(() => ImagePrePullJobSerializer.Deserialize(Header + "spec:\n  imagePrePullTemplate:\n    retryTimes: [1]\n"));

        Assert.Equal("spec.imagePrePullTemplate.retryTimes", ex.FieldPath);
    }

    [Fact]
    public void DeserializeYaml_TypesPlainScalarsLikeKubectl()
    {
        var job = ImagePrePullJobSerializer.Deserialize(Header + """
            spec:
              imagePrePullTemplate:
                images: ["nginx:1.27", 'redis:7', busybox]
                failureTolerate: "0.25"
                concurrency: 10
                timeoutSeconds: 60
                nodeNames: [edge-1, "007"]
                labelSelector: null
            """);

        var template = job.Spec.ImagePrePullTemplate!;
        Assert.Equal(["nginx:1.27", "redis:7", "busybox"], template.Images!);
        Assert.Equal("0.25", template.FailureTolerate);
        Assert.Equal(10, template.Concurrency);
        Assert.Equal(60, template.TimeoutSeconds);
        Assert.Equal(["edge-1", "007"], template.NodeNames!);
        Assert.Null(template.LabelSelector);
    }

    [Fact]
    public void Deserialize_JsonAndYamlOfTheSameJob_AreEqual()
    {
        var fromYaml = ImagePrePullJobSerializer.Deserialize(Header + "spec:\n  imagePrePullTemplate:\n    images: [nginx]\n    nodeNames: [n1]\n");
        var fromJson = ImagePrePullJobSerializer.Deserialize(ImagePrePullJobSerializer.Serialize(fromYaml));

        Assert.Equal(ImagePrePullJobSerializer.Serialize(fromYaml), ImagePrePullJobSerializer.Serialize(fromJson));
    }
}

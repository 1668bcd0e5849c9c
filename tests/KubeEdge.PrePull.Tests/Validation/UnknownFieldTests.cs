using System.Text.Json.Nodes;
using KubeEdge.PrePull.Serialization;
using KubeEdge.PrePull.TestSupport;
using KubeEdge.PrePull.Validation;

namespace KubeEdge.PrePull.Tests.Validation;

// docs/design.md §2 "Validation": an unknown field anywhere is an error with its path; repeated images a warning.
public sealed class UnknownFieldTests
{
    public static TheoryData<string> Versions => new() { "v1alpha1", "v1alpha2" };

    [Theory]
    [MemberData(nameof(Versions))]
    public void FindUnknownFields_MisspelledImagePrefixAndOthers_EachWithItsPath(string version)
    {
        var problems = ImagePrePullJobValidator.FindUnknownFields(Document(version, """
            metadata: { name: typo, labelz: { a: b } }
            spec:
              imagePrePullTemplate:
                images: [nginx:1.27]
                labelSelector: { matchLabels: { any-key.example.com/x: "" }, matchExpresions: [] }
                retrys: 3
              imagePrePullOverriders:
              - nodeLabel: region=hz
                imagePrefixes: [docker.io/]
              - nodeLabel: region=sh
                imagePrefix: [docker.io/]
                fallbackToOrigin: true
                overriders:
                  imageOverriders: [{ component: Registry, operator: replace, value: m.example.com, valeu: x }]
                  secretOverrider: []
            status:
              nodeStatus: [{ nodeName: n1, imageStatus: [{ image: nginx:1.27, fallbackFrom: m/nginx:1.27, fallback: x }] }]
              status: [{ nodeStatus: { nodeName: n1 }, imageStatus: [{ image: a, state: Successful }] }]
            specs: {}
            """));

        Assert.Equal(
            [
                "metadata.labelz",
                "spec.imagePrePullTemplate.labelSelector.matchExpresions",
                "spec.imagePrePullTemplate.retrys",
                "spec.imagePrePullOverriders[1].imagePrefix",
                "spec.imagePrePullOverriders[1].fallbackToOrigin",
                "spec.imagePrePullOverriders[1].overriders.imageOverriders[0].valeu",
                "spec.imagePrePullOverriders[1].overriders.secretOverrider",
                "status.nodeStatus[0].imageStatus[0].fallback",
                "specs",
            ],
            problems.Select(p => p.Path));
        Assert.All(problems, p => Assert.Equal("Unknown field: not declared in the ImagePrePullJob schema", p.Message));
    }

    [Fact]
    public void FindUnknownFields_ExamplesAndDesignJob_HaveNone()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "deploy", "examples"), "*.yaml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var document = YamlDocuments.Parse(File.ReadAllText(file), YamlScalarTyping.CoreSchema).OfType<JsonObject>().Single();
            Assert.Empty(ImagePrePullJobValidator.FindUnknownFields(document));
        }
    }

    [Fact]
    public void FindUnknownFields_ObjectMetaFieldsAndStatusMirror_AreKnown()
    {
        var problems = ImagePrePullJobValidator.FindUnknownFields(Document("v1alpha2", """
            metadata: { name: j, uid: u, resourceVersion: "1", finalizers: [f], labels: { a: b }, annotations: { c: d }, generation: 2 }
            spec: { imagePrePullTemplate: { images: [a], nodeNames: [n] } }
            status: { phase: Completed, state: Successful, event: Pull, action: Success, time: t, succeededNodes: x, summary: { total: 1 } }
            """));

        Assert.Empty(problems);
    }

    [Fact]
    public void Warnings_DuplicatesAfterNormalization_NameBothPositions()
    {
        var job = ImagePrePullJobSerializer.Deserialize(Text("v1alpha2", """
            metadata: { name: dup }
            spec: { imagePrePullTemplate: { images: ["nginx:1.27", "redis", "docker.io/library/nginx:1.27", "docker.io/library/redis:latest", "index.docker.io/library/redis"], nodeNames: [n] } }
            """));

        var warnings = ImagePrePullJobValidator.Warnings(job);

        Assert.Equal(
            [
                "spec.imagePrePullTemplate.images[2]: Duplicate value: \"docker.io/library/nginx:1.27\" is the same image as images[0] (\"nginx:1.27\", docker.io/library/nginx:1.27); it is pulled once",
                "spec.imagePrePullTemplate.images[4]: Duplicate value: \"index.docker.io/library/redis\" is the same image as images[1] (\"redis\", docker.io/library/redis); it is pulled once",
            ],
            warnings.Select(w => w.ToString()));
        Assert.Empty(ImagePrePullJobValidator.Validate(job));
    }

    private static JsonObject Document(string version, string body) =>
        YamlDocuments.Parse(Text(version, body), YamlScalarTyping.CoreSchema).OfType<JsonObject>().Single();

    private static string Text(string version, string body) =>
        $"apiVersion: operations.kubeedge.io/{version}\nkind: ImagePrePullJob\n{body}";
}

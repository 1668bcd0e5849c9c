using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Serialization;
using KubeEdge.PrePull.Validation;

namespace KubeEdge.PrePull.Tests.Validation;

public sealed class ImagePrePullJobValidatorTests
{
    private const string T = "spec.imagePrePullTemplate";

    // The docs/design.md §1 example: valid as written.
    private const string DesignExample = """
        apiVersion: operations.kubeedge.io/v1alpha2
        kind: ImagePrePullJob
        metadata: { name: prepull-example }
        spec:
          imagePrePullTemplate:
            images:
              - harbor.example.com/jili/example:v1.0.0
              - registry.cn-shanghai.aliyuncs.com/team/app:v2
              - nginx:1.27
            nodeNames: [node1, node2]
            checkItems: [disk]
            failureTolerate: "0.1"
            concurrency: 10
            timeoutSeconds: 300
            retryTimes: 1
            imageSecrets: default/harbor-secret
            pullSecrets:
              - default/harbor-secret
              - default/aliyun-secret
            imagePullPolicy: IfNotPresent
          imagePrePullOverriders:
            - nodeLabel: "topology.kubernetes.io/region=hangzhou"
              overriders:
                imageOverriders:
                  - { component: Registry, operator: replace, value: hangzhou.registry.io }
                secretOverriders:
                  - { component: SecretName, operator: replace, value: hangzhou-secret }
        """;

    public static TheoryData<string, Action<ImagePrePullJob>, string> Rules() => new()
    {
        { "no images", j => j.Spec.ImagePrePullTemplate!.Images = [], $"{T}.images: Required value: at least one image" },
        { "images absent", j => j.Spec.ImagePrePullTemplate!.Images = null, $"{T}.images: Required value: at least one image" },
        { "empty image", j => j.Spec.ImagePrePullTemplate!.Images![2] = "", $"{T}.images[2]: repository name must have at least one component" },
        { "image with a space", j => j.Spec.ImagePrePullTemplate!.Images![1] = "nginx :1", $"{T}.images[1]: invalid reference format" },
        { "uppercase repository", j => j.Spec.ImagePrePullTemplate!.Images![0] = "example.com/Team/app", $"{T}.images[0]: invalid reference format: repository name must be lowercase" },
        { "names and selector", j => j.Spec.ImagePrePullTemplate!.LabelSelector = new V1LabelSelector(), $"{T}: Invalid value: nodeNames and labelSelector cannot be specified at the same time" },
        { "neither names nor selector", j => j.Spec.ImagePrePullTemplate!.NodeNames = null, $"{T}: Required value: one of nodeNames and labelSelector must be specified" },
        { "empty names list is neither", j => j.Spec.ImagePrePullTemplate!.NodeNames = [], $"{T}: Required value: one of nodeNames and labelSelector must be specified" },
        { "bad node name", j => j.Spec.ImagePrePullTemplate!.NodeNames![1] = "Node_2", $"{T}.nodeNames[1]: Invalid value: \"Node_2\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character" },
        { "bad selector operator", j => { j.Spec.ImagePrePullTemplate!.NodeNames = null; j.Spec.ImagePrePullTemplate.LabelSelector = new() { MatchExpressions = [new() { Key = "a", OperatorProperty = "Within", Values = ["x"] }] }; }, $"{T}.labelSelector.matchExpressions[0].operator: \"Within\" is not a valid operator; expected In, NotIn, Exists or DoesNotExist" },
        { "In without values", j => { j.Spec.ImagePrePullTemplate!.NodeNames = null; j.Spec.ImagePrePullTemplate.LabelSelector = new() { MatchExpressions = [new() { Key = "a", OperatorProperty = "In" }] }; }, $"{T}.labelSelector.matchExpressions[0].values: must be specified when operator is In" },
        { "tolerate above 1", j => j.Spec.ImagePrePullTemplate!.FailureTolerate = "1.5", $"{T}.failureTolerate: Invalid value: \"1.5\": must be a decimal number between 0 and 1" },
        { "tolerate negative", j => j.Spec.ImagePrePullTemplate!.FailureTolerate = "-0.1", $"{T}.failureTolerate: Invalid value: \"-0.1\": must be a decimal number between 0 and 1" },
        { "tolerate not a number", j => j.Spec.ImagePrePullTemplate!.FailureTolerate = "ten percent", $"{T}.failureTolerate: Invalid value: \"ten percent\": must be a decimal number between 0 and 1" },
        { "tolerate with exponent", j => j.Spec.ImagePrePullTemplate!.FailureTolerate = "1e-1", $"{T}.failureTolerate: Invalid value: \"1e-1\": must be a decimal number between 0 and 1" },
        { "negative concurrency", j => j.Spec.ImagePrePullTemplate!.Concurrency = -1, $"{T}.concurrency: Invalid value: -1: must be greater than or equal to 0" },
        { "negative retries", j => j.Spec.ImagePrePullTemplate!.RetryTimes = -2, $"{T}.retryTimes: Invalid value: -2: must be greater than or equal to 0" },
        { "negative timeout", j => j.Spec.ImagePrePullTemplate!.TimeoutSeconds = -5, $"{T}.timeoutSeconds: Invalid value: -5: must be greater than or equal to 0" },
        { "imageSecrets without namespace", j => j.Spec.ImagePrePullTemplate!.ImageSecrets = "harbor-secret", $"{T}.imageSecrets: Invalid value: \"harbor-secret\": must be \"namespace/name\"" },
        { "pullSecret with three parts", j => j.Spec.ImagePrePullTemplate!.PullSecrets![1] = "a/b/c", $"{T}.pullSecrets[1]: Invalid value: \"a/b/c\": must be \"namespace/name\"" },
        { "pullSecret with empty namespace", j => j.Spec.ImagePrePullTemplate!.PullSecrets![0] = "/b", $"{T}.pullSecrets[0]: Invalid value: \"/b\": the namespace is empty" },
        { "pullSecret with bad name", j => j.Spec.ImagePrePullTemplate!.PullSecrets![0] = "default/Bad_Name", $"{T}.pullSecrets[0]: Invalid value: \"default/Bad_Name\": secret name \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character" },
        { "unknown check item", j => j.Spec.ImagePrePullTemplate!.CheckItems = ["disk", "gpu"], $"{T}.checkItems[1]: Unsupported value: \"gpu\": supported values: \"disk\", \"mem\", \"cpu\"" },
        { "unknown pull policy", j => j.Spec.ImagePrePullTemplate!.ImagePullPolicy = "Never", $"{T}.imagePullPolicy: Unsupported value: \"Never\": supported values: \"IfNotPresent\", \"Always\"" },
        { "missing nodeLabel", j => j.Spec.ImagePrePullOverriders![0].NodeLabel = " ", "spec.imagePrePullOverriders[0].nodeLabel: Required value: a label selector such as \"topology.kubernetes.io/region=hangzhou\"" },
        { "bad nodeLabel", j => j.Spec.ImagePrePullOverriders![0].NodeLabel = "region in (a", "spec.imagePrePullOverriders[0].nodeLabel: Invalid value: \"region in (a\": expected \")\" to close the list after \"in\" at position 12" },
        { "unknown image component", j => j.Spec.ImagePrePullOverriders![0].Overriders!.ImageOverriders![0].Component = "Host", "spec.imagePrePullOverriders[0].overriders.imageOverriders[0].component: Unsupported value: \"Host\": supported values: \"Registry\", \"Repository\", \"Tag\"" },
        { "unknown image operator", j => j.Spec.ImagePrePullOverriders![0].Overriders!.ImageOverriders![0].Operator = "set", "spec.imagePrePullOverriders[0].overriders.imageOverriders[0].operator: Unsupported value: \"set\": supported values: \"add\", \"remove\", \"replace\"" },
        { "replace with empty value", j => j.Spec.ImagePrePullOverriders![0].Overriders!.ImageOverriders![0].Value = "", "spec.imagePrePullOverriders[0].overriders.imageOverriders[0].value: Required value: must not be empty when operator is \"replace\"" },
        { "bad tag replace", j => j.Spec.ImagePrePullOverriders![0].Overriders!.ImageOverriders![0] = new() { Component = "Tag", Operator = "replace", Value = "v1 beta" }, "spec.imagePrePullOverriders[0].overriders.imageOverriders[0].value: Invalid value: \"v1 beta\": must be a valid tag or digest" },
        { "unknown secret component", j => j.Spec.ImagePrePullOverriders![0].Overriders!.SecretOverriders![0].Component = "Namespace", "spec.imagePrePullOverriders[0].overriders.secretOverriders[0].component: Unsupported value: \"Namespace\": supported values: \"SecretName\"" },
        { "secret add with empty value", j => j.Spec.ImagePrePullOverriders![0].Overriders!.SecretOverriders![0] = new() { Component = "SecretName", Operator = "add" }, "spec.imagePrePullOverriders[0].overriders.secretOverriders[0].value: Required value: must not be empty when operator is \"add\"" },
        { "secret value with bad namespace", j => j.Spec.ImagePrePullOverriders![0].Overriders!.SecretOverriders![0].Value = "Bad/x", "spec.imagePrePullOverriders[0].overriders.secretOverriders[0].value: Invalid value: \"Bad/x\": namespace \"Bad\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character" },
        { "no name", j => j.Metadata.Name = null, "metadata.name: Required value: name or generateName is required" },
    };

    [Fact]
    public void Validate_DesignExample_IsValid()
    {
        Assert.Empty(ImagePrePullJobValidator.Validate(Example()));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Validate_BrokenRule_ReportsExactlyThatProblem(string rule, Action<ImagePrePullJob> breakIt, string expected)
    {
        var job = Example();
        breakIt(job);

        var problems = ImagePrePullJobValidator.Validate(job);

        Assert.True(problems.Count == 1 && problems[0].ToString() == expected, $"{rule}: expected [{expected}], got [{string.Join(" | ", problems)}]");
    }

    [Fact]
    public void Validate_SeveralProblems_ReturnsAllInDocumentOrder()
    {
        var job = Example();
        job.Spec.ImagePrePullTemplate!.Images![0] = "";
        job.Spec.ImagePrePullTemplate.Concurrency = -1;
        job.Spec.ImagePrePullOverriders![0].Overriders!.ImageOverriders![0].Operator = "set";

        var problems = ImagePrePullJobValidator.Validate(job);

        Assert.Equal(
            [$"{T}.images[0]", $"{T}.concurrency", "spec.imagePrePullOverriders[0].overriders.imageOverriders[0].operator"],
            problems.Select(p => p.Path));
        Assert.Equal(string.Join("; ", problems), ImagePrePullJobValidator.Describe(problems));
    }

    [Fact]
    public void Validate_RemoveOverriders_NeedNoValue()
    {
        var job = Example();
        job.Spec.ImagePrePullOverriders![0].Overriders!.ImageOverriders![0] = new() { Component = "Registry", Operator = "remove" };
        job.Spec.ImagePrePullOverriders[0].Overriders!.SecretOverriders![0] = new() { Component = "SecretName", Operator = "remove", Value = "harbor-secret" };

        Assert.Empty(ImagePrePullJobValidator.Validate(job));
    }

    [Fact]
    public void Validate_TagReplaceWithDigest_IsValid()
    {
        var job = Example();
        job.Spec.ImagePrePullOverriders![0].Overriders!.ImageOverriders![0] = new() { Component = "Tag", Operator = "replace", Value = "sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582" };

        Assert.Empty(ImagePrePullJobValidator.Validate(job));
    }

    [Fact]
    public void Validate_EmptyCheckItemsAndZeroTolerance_AreValid()
    {
        var job = Example();
        job.Spec.ImagePrePullTemplate!.CheckItems = [];
        job.Spec.ImagePrePullTemplate.FailureTolerate = "0";

        Assert.Empty(ImagePrePullJobValidator.Validate(job));
    }

    [Fact]
    public void Validate_NoTemplate_SaysSo()
    {
        var problems = ImagePrePullJobValidator.Validate(new ImagePrePullJob { Metadata = new() { Name = "j" } });

        Assert.Equal("spec.imagePrePullTemplate: Required value", Assert.Single(problems).ToString());
    }

    private static ImagePrePullJob Example() => ImagePrePullJobSerializer.Deserialize(DesignExample);
}

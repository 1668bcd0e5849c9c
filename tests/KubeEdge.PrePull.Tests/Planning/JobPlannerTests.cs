using System.Text;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Tests.Planning;

public sealed partial class JobPlannerTests
{
    private const string App = "harbor.example.com/team/app:v1.0.0";
    private const string Worker = "registry.cn-shanghai.aliyuncs.com/team/worker:v2";
    private const string Nginx = "nginx:1.27";
    private const string Region = "topology.kubernetes.io/region";

    // Three registries, three secrets (one also serves the Shanghai mirror), two regions with their own mirrors and
    // secrets, a debug rule that stacks on a region rule, a rule that breaks one image, and a secret that is missing
    // on purpose (the Shanghai rule adds "shanghai-secret", which does not exist).
    private static readonly ImagePrePullJob Job = new()
    {
        Spec = new ImagePrePullJobSpec
        {
            ImagePrePullTemplate = new ImagePrePullTemplate
            {
                Images = [App, Worker, Nginx],
                ImageSecrets = "default/harbor-secret",
                PullSecrets = ["default/harbor-secret", "default/aliyun-secret", "dockerhub-secret"],
            },
            ImagePrePullOverriders =
            [
                new ImagePrePullOverrider
                {
                    NodeLabel = Region + "=hangzhou",
                    Overriders = new Overriders
                    {
                        ImageOverriders = [new ImageOverrider { Component = ImageComponents.Registry, Operator = OverriderOperators.Replace, Value = "hangzhou.registry.io" }],
                        SecretOverriders = [new SecretOverrider { Component = SecretComponents.SecretName, Operator = OverriderOperators.Replace, Value = "edge/hangzhou-secret" }],
                    },
                },
                new ImagePrePullOverrider
                {
                    NodeLabel = Region + " in (shanghai)",
                    Overriders = new Overriders
                    {
                        ImageOverriders = [new ImageOverrider { Component = ImageComponents.Registry, Operator = OverriderOperators.Replace, Value = "shanghai.mirror.io:5000" }],
                        SecretOverriders = [new SecretOverrider { Component = SecretComponents.SecretName, Operator = OverriderOperators.Add, Value = "shanghai-secret" }],
                    },
                },
                new ImagePrePullOverrider
                {
                    NodeLabel = "tier==debug",
                    Overriders = new Overriders { ImageOverriders = [new ImageOverrider { Component = ImageComponents.Tag, Operator = OverriderOperators.Add, Value = "-debug" }] },
                },
                new ImagePrePullOverrider
                {
                    NodeLabel = "example.com/port-mirror",
                    Overriders = new Overriders { ImageOverriders = [new ImageOverrider { Component = ImageComponents.Registry, Operator = OverriderOperators.Add, Value = ":5000" }] },
                },
            ],
        },
    };

    private static readonly SecretSnapshot[] Secrets =
    [
        Secret("default", "harbor-secret", "harbor.example.com"),
        Secret("default", "aliyun-secret", "registry.cn-shanghai.aliyuncs.com", "shanghai.mirror.io:5000"),
        Secret("default", "dockerhub-secret", "https://index.docker.io/v1/"),
        Secret("edge", "hangzhou-secret", "hangzhou.registry.io"),
    ];

    private static readonly NodeSnapshot[] Nodes =
    [
        Node("plain"),
        Node("hz-1", (Region, "hangzhou"), ("kubernetes.io/hostname", "hz-1")),
        Node("hz-2", (Region, "hangzhou"), ("kubernetes.io/hostname", "hz-2")),
        Node("hz-debug", (Region, "hangzhou"), ("tier", "debug")),
        Node("sh-1", (Region, "shanghai")),
        Node("port", ("example.com/port-mirror", string.Empty)),
    ];

    [Fact]
    public void Plan_NodeWithoutRules_PullsAsWrittenWithJobSecrets()
    {
        AssertPlan(
            "plain",
            $"{App} -> {App} with default/harbor-secret@harbor.example.com",
            $"{Worker} -> {Worker} with default/aliyun-secret@registry.cn-shanghai.aliyuncs.com",
            $"{Nginx} -> {Nginx} with default/dockerhub-secret@https://index.docker.io/v1/");
    }

    [Fact]
    public void Plan_HangzhouNode_UsesRegionMirrorAndReplacedSecret()
    {
        AssertPlan(
            "hz-1",
            $"{App} -> hangzhou.registry.io/team/app:v1.0.0 with edge/hangzhou-secret@hangzhou.registry.io",
            $"{Worker} -> hangzhou.registry.io/team/worker:v2 with edge/hangzhou-secret@hangzhou.registry.io",
            $"{Nginx} -> hangzhou.registry.io/nginx:1.27 with edge/hangzhou-secret@hangzhou.registry.io");
    }

    [Fact]
    public void Plan_NodeMatchingTwoRules_AppliesBothInOrder()
    {
        AssertPlan(
            "hz-debug",
            $"{App} -> hangzhou.registry.io/team/app:v1.0.0-debug with edge/hangzhou-secret@hangzhou.registry.io",
            $"{Worker} -> hangzhou.registry.io/team/worker:v2-debug with edge/hangzhou-secret@hangzhou.registry.io",
            $"{Nginx} -> hangzhou.registry.io/nginx:1.27-debug with edge/hangzhou-secret@hangzhou.registry.io");
    }

    [Fact]
    public void Plan_ShanghaiNode_UsesMirrorAndWarnsAboutMissingSecret()
    {
        const string Warning = " [warning: secret default/shanghai-secret: secret not found]";
        AssertPlan(
            "sh-1",
            $"{App} -> shanghai.mirror.io:5000/team/app:v1.0.0 with default/aliyun-secret@shanghai.mirror.io:5000" + Warning,
            $"{Worker} -> shanghai.mirror.io:5000/team/worker:v2 with default/aliyun-secret@shanghai.mirror.io:5000" + Warning,
            $"{Nginx} -> shanghai.mirror.io:5000/nginx:1.27 with default/aliyun-secret@shanghai.mirror.io:5000" + Warning);
    }

    [Fact]
    public void Plan_OverrideBreaksOneImage_FailsOnlyThatImageNamingTheRule()
    {
        AssertPlan(
            "port",
            $"{App} -> harbor.example.com:5000/team/app:v1.0.0 with anonymous",
            $"{Worker} -> registry.cn-shanghai.aliyuncs.com:5000/team/worker:v2 with anonymous",
            $"{Nginx} -> error: imagePrePullOverriders[3] made \"nginx:1.27\" an invalid reference \":5000/nginx:1.27\": invalid reference format");
    }

    [Fact]
    public void Plan_Job_SharesPlansAndReportsMissingSecretOnce()
    {
        var plan = JobPlanner.Plan(Job, Nodes, Secrets);

        Assert.Equal(6, plan.NodeCount);
        Assert.Same(plan.GetPlan("hz-1"), plan.GetPlan("hz-2"));
        Assert.Equal(5, plan.DistinctPlans.Count);
        Assert.Equal([new SecretProblem("default/shanghai-secret", "secret not found")], plan.SecretProblems);
        Assert.False(plan.TryGetPlan("unknown", out _));
        var ex = Assert.Throws<KeyNotFoundException>(() => plan.GetPlan("unknown"));
        Assert.Equal("node \"unknown\" is not part of this job's plan", ex.Message);
    }

    [Fact]
    public void Plan_RepeatedNodeName_KeepsFirstOccurrence()
    {
        var plan = JobPlanner.Plan(Job, [Node("n", (Region, "hangzhou")), Node("n", (Region, "shanghai"))], Secrets);
        Assert.Equal(1, plan.NodeCount);
        Assert.Equal("hangzhou.registry.io/nginx:1.27", plan.GetPlan("n").Images[2].ResolvedImage);
    }

    [Fact]
    public void Plan_JobWithoutOverriders_AllNodesShareOnePlan()
    {
        var job = Job with { Spec = Job.Spec with { ImagePrePullOverriders = null } };
        var plan = JobPlanner.Plan(job, Nodes, Secrets);
        Assert.Single(plan.DistinctPlans);
        Assert.All(Nodes, n => Assert.Same(plan.DistinctPlans[0], plan.GetPlan(n.Name)));
        Assert.Empty(plan.SecretProblems);
    }

    [Fact]
    public void Plan_NoNodes_EmptyPlan()
    {
        var plan = JobPlanner.Plan(Job, [], Secrets);
        Assert.Equal(0, plan.NodeCount);
        Assert.Empty(plan.DistinctPlans);
    }

    [Fact]
    public void Plan_InvalidImageInSpec_FailsThatImageEverywhere()
    {
        var job = Job with { Spec = Job.Spec with { ImagePrePullTemplate = Job.Spec.ImagePrePullTemplate! with { Images = ["Nginx:1.27", Nginx] } } };
        var plan = JobPlanner.Plan(job, [Node("plain")], Secrets);
        var images = plan.GetPlan("plain").Images;
        Assert.Equal("invalid image reference \"Nginx:1.27\": invalid reference format: repository name must be lowercase", images[0].Error);
        Assert.Equal(Nginx, images[1].ResolvedImage);
    }

    [Fact]
    public void Plan_SecretData_NeverInPlanText()
    {
        var plan = JobPlanner.Plan(Job, Nodes, Secrets);
        var text = string.Join('\n', plan.DistinctPlans.SelectMany(p => p.Images).Select(i => i + " " + string.Join(',', i.Credentials)));
        Assert.DoesNotContain("-password", text, StringComparison.Ordinal);
        Assert.DoesNotContain("-user", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_InvalidOverrider_ThrowsNamingTheField()
    {
        var job = Job with
        {
            Spec = Job.Spec with { ImagePrePullOverriders = [new ImagePrePullOverrider { NodeLabel = "a!=(" }] },
        };
        var ex = Assert.Throws<ArgumentException>(() => JobPlanner.Plan(job, Nodes, Secrets));
        Assert.Contains("spec.imagePrePullOverriders[0].nodeLabel: expected a value after \"!=\" at position 3", ex.Message, StringComparison.Ordinal);
    }

    private static void AssertPlan(string node, params string[] expected)
    {
        var plan = JobPlanner.Plan(Job, Nodes, Secrets);
        Assert.Equal(expected, plan.GetPlan(node).Images.Select(Describe));
    }

    private static string Describe(ImagePlan image)
    {
        if (image.Error is not null)
        {
            Assert.Null(image.ResolvedImage);
            Assert.Empty(image.Credentials);
            return $"{image.Image} -> error: {image.Error}";
        }

        var credentials = image.Credentials.Count == 0
            ? "anonymous"
            : string.Join(", ", image.Credentials.Select(c => $"{c.Secret}@{c.Registry}"));
        var warning = image.CredentialWarning is null ? string.Empty : $" [warning: {image.CredentialWarning}]";
        return $"{image.Image} -> {image.ResolvedImage} with {credentials}{warning}";
    }

    private static NodeSnapshot Node(string name, params (string Key, string Value)[] labels) =>
        new(name, labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal));

    private static SecretSnapshot Secret(string ns, string name, params string[] registries)
    {
        var auths = string.Join(',', registries.Select(r => $"\"{r}\":{{\"username\":\"{name}-user\",\"password\":\"{name}-password\"}}"));
        return new SecretSnapshot(ns, name, "kubernetes.io/dockerconfigjson", new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes($"{{\"auths\":{{{auths}}}}}") });
    }
}

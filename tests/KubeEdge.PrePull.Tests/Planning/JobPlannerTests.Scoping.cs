using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Serialization;

namespace KubeEdge.PrePull.Tests.Planning;

// docs/design.md §2 "Overrides": imagePrefixes scope a rule's image and secret overriders; fallbackToOriginal.
public sealed partial class JobPlannerTests
{
    private const string HubApp = "docker.io/team/api:3";

    // One region with a Harbor mirror (scoped, with fallback) and a Docker Hub mirror (scoped to library images and
    // then to all of docker.io, overlapping), plus an unscoped debug rule that stacks on both.
    private const string ScopedYaml = """
        apiVersion: operations.kubeedge.io/VERSION
        kind: ImagePrePullJob
        metadata: { name: scoped }
        spec:
          imagePrePullTemplate:
            images: ["harbor.example.com/team/app:v1.0.0", "nginx:1.27", "docker.io/team/api:3", "registry.cn-shanghai.aliyuncs.com/team/worker:v2"]
            nodeNames: [n1]
            imageSecrets: default/harbor-secret
            pullSecrets: [default/aliyun-secret, default/dockerhub-secret]
          imagePrePullOverriders:
          - nodeLabel: topology.kubernetes.io/region=hangzhou
            imagePrefixes: [harbor.example.com/]
            fallbackToOriginal: true
            overriders:
              imageOverriders: [{ component: Registry, operator: replace, value: harbor.hz.example.com }]
              secretOverriders: [{ component: SecretName, operator: replace, value: edge/hangzhou-secret }]
          - nodeLabel: topology.kubernetes.io/region=hangzhou
            imagePrefixes: [docker.io/library/]
            overriders:
              imageOverriders: [{ component: Registry, operator: replace, value: hub.hz.example.com }]
              secretOverriders: [{ component: SecretName, operator: add, value: edge/hub-mirror-secret }]
          - nodeLabel: topology.kubernetes.io/region=hangzhou
            imagePrefixes: [docker.io/]
            overriders:
              imageOverriders: [{ component: Repository, operator: add, value: -hz }]
          - nodeLabel: tier=debug
            overriders:
              imageOverriders: [{ component: Tag, operator: add, value: -debug }]
        """;

    private static readonly SecretSnapshot[] ScopedSecrets =
    [
        .. Secrets,
        Secret("edge", "hub-mirror-secret", "hub.hz.example.com"),
    ];

    public static TheoryData<string> Versions => new() { "v1alpha1", "v1alpha2" };

    [Theory]
    [MemberData(nameof(Versions))]
    public void Plan_ScopedRules_EachRewritesOnlyTheImagesItsPrefixesCover(string version)
    {
        var plan = PlanScoped(version, Node("hz", (Region, "hangzhou")));

        Assert.Equal(
            [
                // Harbor: rule 0 only; its secret replace applies to this image alone.
                $"{App} -> harbor.hz.example.com/team/app:v1.0.0 with anonymous",
                // nginx: rules 1 and 2 (both prefixes cover docker.io/library/nginx), in order; rule 1's secret added.
                $"{Nginx} -> hub.hz.example.com/nginx-hz:1.27 with edge/hub-mirror-secret@hub.hz.example.com",
                // docker.io/team/api: rule 2 only (rule 1's prefix does not cover it); template secrets.
                $"{HubApp} -> docker.io/team/api-hz:3 with default/dockerhub-secret@https://index.docker.io/v1/",
                // Aliyun: no rule covers it; the template's secrets, not hangzhou-secret.
                $"{Worker} -> {Worker} with default/aliyun-secret@registry.cn-shanghai.aliyuncs.com",
            ],
            plan.GetPlan("hz").Images.Select(Describe));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Plan_ScopedSecretOverriders_OutOfScopeImagesKeepTemplateSecrets(string version)
    {
        // edge/hangzhou-secret replaces every secret, but only for the Harbor image: without the scope the Aliyun
        // and Docker Hub images would lose their credentials (the bug the issue reports).
        var plan = PlanScoped(version, Node("hz", (Region, "hangzhou")));
        var images = plan.GetPlan("hz").Images;

        Assert.Empty(images[0].Credentials); // hangzhou-secret has no key for the Harbor mirror: anonymous
        Assert.DoesNotContain(images[1].Credentials, c => c.Secret == "edge/hangzhou-secret");
        Assert.Equal("default/dockerhub-secret", Assert.Single(images[2].Credentials).Secret);
        Assert.Equal("default/aliyun-secret", Assert.Single(images[3].Credentials).Secret);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Plan_UnscopedRuleAfterScopedOnes_AppliesToEveryImageOnTopOfThem(string version)
    {
        var plan = PlanScoped(version, Node("hz-debug", (Region, "hangzhou"), ("tier", "debug")));

        Assert.Equal(
            ["harbor.hz.example.com/team/app:v1.0.0-debug", "hub.hz.example.com/nginx-hz:1.27-debug", "docker.io/team/api-hz:3-debug", "registry.cn-shanghai.aliyuncs.com/team/worker:v2-debug"],
            plan.GetPlan("hz-debug").Images.Select(i => i.ResolvedImage));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Plan_FallbackRule_FallsBackToTheOriginalWithTemplateCredentials(string version)
    {
        var plan = PlanScoped(version, Node("hz", (Region, "hangzhou")));
        var images = plan.GetPlan("hz").Images;

        Assert.Equal(App, images[0].FallbackImage);
        Assert.Equal(["default/harbor-secret"], images[0].FallbackCredentials.Select(c => c.Secret));

        // The other rules do not fall back.
        Assert.All(images.Skip(1), i => Assert.Null(i.FallbackImage));
    }

    [Fact]
    public void Plan_FallbackWithANonFallbackRuleInScope_FallsBackToWhatThatRuleMakes()
    {
        var plan = PlanScoped("v1alpha2", Node("hz-debug", (Region, "hangzhou"), ("tier", "debug")));
        var app = plan.GetPlan("hz-debug").Images[0];

        // The debug rule has no fallback: the fallback keeps its change and drops only the mirror's.
        Assert.Equal("harbor.hz.example.com/team/app:v1.0.0-debug", app.ResolvedImage);
        Assert.Equal(App + "-debug", app.FallbackImage);
    }

    [Fact]
    public void Plan_NodeNoRuleSelects_HasNoFallback()
    {
        var plan = PlanScoped("v1alpha2", Node("plain"));

        Assert.All(plan.GetPlan("plain").Images, i => Assert.Null(i.FallbackImage));
        Assert.Equal([App, Nginx, HubApp, Worker], plan.GetPlan("plain").Images.Select(i => i.ResolvedImage));
    }

    [Fact]
    public void SecretsNeeded_ScopedRules_ReadsTheSecretsOfEveryScopeAndFallback()
    {
        var job = ImagePrePullJobSerializer.Deserialize(ScopedYaml.Replace("VERSION", "v1alpha2", StringComparison.Ordinal));

        var needed = JobPlanner.SecretsNeeded(job, [Node("hz", (Region, "hangzhou"))]);

        Assert.Equal(
            ["edge/hangzhou-secret", "default/harbor-secret", "default/aliyun-secret", "default/dockerhub-secret", "edge/hub-mirror-secret"],
            needed.Select(s => s.ToString()));
    }

    [Fact]
    public void Plan_DuplicatesAfterNormalization_PlannedOnceUnderTheFirstSpelling()
    {
        var job = ImagePrePullJobSerializer.Deserialize("""
            apiVersion: operations.kubeedge.io/v1alpha2
            kind: ImagePrePullJob
            metadata: { name: dup }
            spec:
              imagePrePullTemplate:
                images: ["nginx:1.27", "redis:7", "docker.io/library/nginx:1.27", "nginx:1.27", "index.docker.io/library/redis:7"]
                nodeNames: [n1]
            """);

        var plan = JobPlanner.Plan(job, [Node("n1")], Array.Empty<SecretSnapshot>());

        Assert.Equal(["nginx:1.27", "redis:7"], plan.GetPlan("n1").Images.Select(i => i.Image));
    }

    [Fact]
    public void Plan_InvalidPrefix_ThrowsNamingTheField()
    {
        var job = ImagePrePullJobSerializer.Deserialize(ScopedYaml.Replace("VERSION", "v1alpha2", StringComparison.Ordinal)
            .Replace("[harbor.example.com/]", "[index.docker.io/]", StringComparison.Ordinal));

        var e = Assert.Throws<ArgumentException>(() => JobPlanner.Plan(job, [Node("n1")], ScopedSecrets));

        Assert.Contains("spec.imagePrePullOverriders[0].imagePrefixes[0]: \"index.docker.io/\"", e.Message, StringComparison.Ordinal);
    }

    private static JobPlan PlanScoped(string version, NodeSnapshot node)
    {
        var job = ImagePrePullJobSerializer.Deserialize(ScopedYaml.Replace("VERSION", version, StringComparison.Ordinal));
        return JobPlanner.Plan(job, [node], ScopedSecrets);
    }
}

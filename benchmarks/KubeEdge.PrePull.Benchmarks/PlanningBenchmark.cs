using System.Text;
using BenchmarkDotNet.Attributes;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Overrides;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Benchmarks;

/// <summary>
/// docs/design.md §4 item 1: planning 100,000 nodes (5 images, 8 rules, 20 distinct label sets) in at most
/// 50 ms and 200 B per node. The baseline plans every node on its own, the way a first implementation would.
/// </summary>
[MemoryDiagnoser]
public class PlanningBenchmark
{
    private const int NodeCount = 100_000;
    private static readonly string[] Regions = ["hangzhou", "shanghai", "beijing", "shenzhen", "chengdu"];
    private static readonly string[] Tiers = ["gold", "silver", "bronze", "debug"];

    private ImagePrePullJob _job = null!;
    private NodeSnapshot[] _nodes = null!;
    private CredentialResolver _credentials = null!;

    [GlobalSetup]
    public void Setup()
    {
        _job = new ImagePrePullJob
        {
            Spec = new ImagePrePullJobSpec
            {
                ImagePrePullTemplate = new ImagePrePullTemplate
                {
                    Images =
                    [
                        "harbor.example.com/team/app:v1.0.0",
                        "harbor.example.com/team/db:15.2",
                        "registry.cn-shanghai.aliyuncs.com/team/worker:v2",
                        "nginx:1.27",
                        "quay.io/prometheus/node-exporter:v1.8.2",
                    ],
                    ImageSecrets = "default/harbor-secret",
                    PullSecrets = ["default/aliyun-secret", "default/dockerhub-secret"],
                },
                ImagePrePullOverriders =
                [
                    RegionRule("hangzhou", "hangzhou.registry.io"),
                    RegionRule("shanghai", "shanghai.mirror.io:5000"),
                    RegionRule("beijing", "beijing.registry.io"),
                    Rule("topology.kubernetes.io/region in (shenzhen,chengdu)", new ImageOverrider { Component = ImageComponents.Registry, Operator = OverriderOperators.Add, Value = ".cn" }),
                    Rule("tier=debug", new ImageOverrider { Component = ImageComponents.Tag, Operator = OverriderOperators.Add, Value = "-debug" }),
                    Rule("tier notin (gold,silver),!gpu", new ImageOverrider { Component = ImageComponents.Repository, Operator = OverriderOperators.Add, Value = "-lite" }),
                    Rule("tier==gold", secret: new SecretOverrider { Component = SecretComponents.SecretName, Operator = OverriderOperators.Add, Value = "edge/gold-secret" }),
                    Rule("node-role.kubernetes.io/edge,tier!=gold", secret: new SecretOverrider { Component = SecretComponents.SecretName, Operator = OverriderOperators.Remove, Value = "dockerhub-secret" }),
                ],
            },
        };

        _credentials = CredentialResolver.Create(
        [
            Secret("default", "harbor-secret", "harbor.example.com", "hangzhou.registry.io"),
            Secret("default", "aliyun-secret", "registry.cn-shanghai.aliyuncs.com", "shanghai.mirror.io:5000"),
            Secret("default", "dockerhub-secret", "https://index.docker.io/v1/", "quay.io"),
            Secret("edge", "gold-secret", "*.registry.io", "*.cn"),
        ]);

        // Each node gets its own dictionary, as nodes read from the API server do; 20 distinct label sets in all.
        _nodes = new NodeSnapshot[NodeCount];
        for (var i = 0; i < NodeCount; i++)
        {
            var set = i % (Regions.Length * Tiers.Length);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["node-role.kubernetes.io/edge"] = string.Empty,
                ["kubernetes.io/os"] = "linux",
                ["kubernetes.io/arch"] = "arm64",
                ["node.kubernetes.io/instance-type"] = "edge-small",
                ["topology.kubernetes.io/region"] = Regions[set % Regions.Length],
                ["topology.kubernetes.io/zone"] = Regions[set % Regions.Length] + "-a",
                ["tier"] = Tiers[set / Regions.Length],
            };
            _nodes[i] = new NodeSnapshot($"edge-node-{i:D6}", labels);
        }
    }

    /// <summary>Every node on its own: match the rules, rewrite every image, choose credentials.</summary>
    [Benchmark(Baseline = true)]
    public int NaivePerNode()
    {
        var rules = OverrideRule.CompileAll(_job.Spec.ImagePrePullOverriders);
        var template = _job.Spec.ImagePrePullTemplate!;
        var jobSecrets = new[] { template.ImageSecrets! }.Concat(template.PullSecrets!).ToList();
        var byNode = new Dictionary<string, NodePlan>(StringComparer.Ordinal);
        foreach (var node in _nodes)
        {
            var matched = rules.Where(r => r.Selector.Matches(node.Labels)).ToList();
            var secrets = jobSecrets.ToList();
            foreach (var overrider in matched.SelectMany(r => r.SecretOverrides))
            {
                overrider.Apply(secrets);
            }

            var images = new List<ImagePlan>();
            foreach (var image in template.Images!)
            {
                var resolved = ImageRewriter.Rewrite(image, matched, JobPlanner.CheckReference, out var error);
                var choice = resolved is null ? null : JobPlanner.Choose(_credentials, resolved, secrets);
                images.Add(new ImagePlan(image, resolved, choice?.Credentials ?? [], error) { CredentialWarning = choice?.Warning });
            }

            byNode[node.Name] = new NodePlan(images);
        }

        return byNode.Count;
    }

    /// <summary>The planner: nodes grouped by the labels the rules read, each distinct plan built once.</summary>
    [Benchmark]
    public int JobPlannerPlan() => JobPlanner.Plan(_job, _nodes, _credentials).NodeCount;

    private static ImagePrePullOverrider RegionRule(string region, string registry) =>
        Rule(
            "topology.kubernetes.io/region=" + region,
            new ImageOverrider { Component = ImageComponents.Registry, Operator = OverriderOperators.Replace, Value = registry },
            new SecretOverrider { Component = SecretComponents.SecretName, Operator = OverriderOperators.Replace, Value = region + "-secret" });

    private static ImagePrePullOverrider Rule(string nodeLabel, ImageOverrider? image = null, SecretOverrider? secret = null) => new()
    {
        NodeLabel = nodeLabel,
        Overriders = new Overriders
        {
            ImageOverriders = image is null ? null : [image],
            SecretOverriders = secret is null ? null : [secret],
        },
    };

    private static SecretSnapshot Secret(string ns, string name, params string[] registries)
    {
        var auths = string.Join(',', registries.Select(r => $"\"{r}\":{{\"username\":\"{name}-user\",\"password\":\"{name}-password\"}}"));
        var json = Encoding.UTF8.GetBytes($"{{\"auths\":{{{auths}}}}}");
        return new SecretSnapshot(ns, name, "kubernetes.io/dockerconfigjson", new Dictionary<string, byte[]> { [".dockerconfigjson"] = json });
    }
}

using System.Diagnostics;
using System.Globalization;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Benchmarks.Scaling;

/// <summary>
/// The core alone at N nodes: <see cref="JobPlanner"/> plans 2 images with 2 override rules over 20 distinct label
/// sets, then <see cref="JobScheduler"/> runs the job on <see cref="ZeroLatencyPuller"/> at concurrency 1,000
/// while its progress stream is drained, as the controller's status writer drains it.
/// </summary>
internal static class InProcessFleetRun
{
    public const int Concurrency = 1_000;
    private static readonly string[] Regions = ["north", "south", "east", "west", "central"];
    private static readonly string[] Tiers = ["gold", "silver", "bronze", "debug"];

    public static async Task<ScalingPoint> MeasureAsync(int nodeCount)
    {
        var job = Job();
        var nodes = Nodes(nodeCount);
        var settings = JobSettings.FromTemplate(job.Spec.ImagePrePullTemplate!);

        var probe = await MemoryProbe.StartAsync();
        var clock = Stopwatch.StartNew();
        var plan = JobPlanner.Plan(job, nodes, Array.Empty<SecretSnapshot>());
        var planned = clock.Elapsed;
        var run = new JobScheduler(new ZeroLatencyPuller()).Start([.. nodes.Select(n => NodeTaskResult.Pending(n.Name))], plan, settings);
        var updates = 0;
        await foreach (var _ in run.Updates.ReadAllAsync())
        {
            updates++;
        }

        var outcome = await run.Completion;
        clock.Stop();
        var memory = await probe.StopAsync();
        GC.KeepAlive(plan);
        GC.KeepAlive(nodes);

        var succeeded = outcome.Nodes.Count(n => n.Phase == NodeTaskPhases.Successful);
        var detail = string.Create(CultureInfo.InvariantCulture, $"plan {planned.TotalMilliseconds:F0} ms, schedule {(clock.Elapsed - planned).TotalMilliseconds:F0} ms, {updates:N0} progress updates");
        return new ScalingPoint("in-process", nodeCount, clock.Elapsed, memory, succeeded, outcome.Phase, detail);
    }

    private static ImagePrePullJob Job() => new()
    {
        Metadata = new k8s.Models.V1ObjectMeta { Name = "scaling" },
        Spec = new ImagePrePullJobSpec
        {
            ImagePrePullTemplate = new ImagePrePullTemplate
            {
                Images = ["nginx:1.27", "registry.example.org/edge/agent:2"],
                Concurrency = Concurrency,
            },
            ImagePrePullOverriders =
            [
                new ImagePrePullOverrider
                {
                    NodeLabel = "topology.kubernetes.io/region in (north,south)",
                    Overriders = new Overriders { ImageOverriders = [new ImageOverrider { Component = ImageComponents.Registry, Operator = OverriderOperators.Replace, Value = "mirror.example.org" }] },
                },
                new ImagePrePullOverrider
                {
                    NodeLabel = "tier=debug",
                    Overriders = new Overriders { ImageOverriders = [new ImageOverrider { Component = ImageComponents.Tag, Operator = OverriderOperators.Add, Value = "-debug" }] },
                },
            ],
        },
    };

    /// <summary>Each node has its own label dictionary, as nodes read from the API server do.</summary>
    private static NodeSnapshot[] Nodes(int count)
    {
        var nodes = new NodeSnapshot[count];
        for (var i = 0; i < count; i++)
        {
            var set = i % (Regions.Length * Tiers.Length);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["node-role.kubernetes.io/edge"] = string.Empty,
                ["kubernetes.io/arch"] = "arm64",
                ["topology.kubernetes.io/region"] = Regions[set % Regions.Length],
                ["tier"] = Tiers[set / Regions.Length],
            };
            nodes[i] = new NodeSnapshot($"edge-node-{i:D6}", labels);
        }

        return nodes;
    }
}

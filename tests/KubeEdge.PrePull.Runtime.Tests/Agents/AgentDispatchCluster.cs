using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.DependencyInjection;
using KubeEdge.PrePull.Runtime.Options;
using KubeEdge.PrePull.Runtime.Tests.Controller;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Testing.Fleet;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>
/// Controller hosts for the agent tests, on the per-test embedded cluster of <see cref="ControllerTests"/>, built as
/// users build them but with the backends a test chooses (e.g. <c>AddPodApplyPuller().AddEdgeAgents()</c>).
/// </summary>
internal static class AgentDispatchCluster
{
    public static IHost BuildAgentController(this ControllerCluster cluster, Action<IImagePrePullBuilder> backends, Action<ImagePrePullOptions>? configure = null, DelegatingHandler? handler = null) =>
        cluster.BuildControllerWith(backends, configure, handler);

    /// <summary>Adds nodes that carry the agent label (value <c>"true"</c>), or the given label.</summary>
    public static IReadOnlyList<string> AddAgentNodes(this ControllerCluster cluster, int count, string prefix, string label = EdgeAgentLabels.Agent)
    {
        var options = new NodeFleetOptions { Count = count, NamePrefix = prefix };
        options.Labels[label] = "true";
        return cluster.Server.Fleet.AddNodes(options);
    }

    /// <summary>Starts one scripted agent per node, each with its own client.</summary>
    public static List<ScriptedAgent> StartAgents(this ControllerCluster cluster, string job, IEnumerable<string> nodes, Func<string, ImagePrePullJob, NodeTaskResult?> script) =>
        [.. nodes.Select(n => new ScriptedAgent(cluster.Api.CreateClient(), job, n, j => script(n, j)).Start())];
}

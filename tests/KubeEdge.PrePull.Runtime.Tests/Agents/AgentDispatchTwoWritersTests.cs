using System.Collections.Concurrent;
using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Tests.Controller;
using KubeEdge.PrePull.Testing.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>
/// Two writers of one status (protocol step 5): the controller's coalesced progress writes and many agents' JSON
/// patches, with 409s injected on top. No agent's entry may be lost or reverted, at any time, and the final status
/// must hold exactly the results the agents reported.
/// </summary>
public sealed class AgentDispatchTwoWritersTests : ControllerTests
{
    [Fact]
    public async Task Job_ManyAgentsWhileControllerWritesWithConflicts_NoEntryLostOrReverted()
    {
        var kubelet = Cluster.AddNodes(10);
        var agentNodes = Cluster.AddAgentNodes(20, "agent-");
        Cluster.Server.Fleet.Puller = new CountingKubeletPuller();
        using var host = Cluster.BuildAgentController(b => b.AddPodApplyPuller().AddEdgeAgents());
        await host.StartAsync(ControllerCluster.Ct);
        Cluster.Server.Faults.Add("imageprepulljobs/status", "patch", FaultKind.Conflict, times: 15);
        var job = ControllerLifecycleTests.Job("two-writers", [.. kubelet, .. agentNodes], 10, "nginx:1.27", "registry.example.org/team/tool:2");

        // Each agent answers a different while after it first sees its entry InProgress, so answers interleave with
        // the controller's writes for the PodApply nodes.
        var firstSeen = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var agents = Cluster.StartAgents("two-writers", agentNodes, (n, j) =>
        {
            var since = TimeProvider.System.GetElapsedTime(firstSeen.GetOrAdd(n, _ => TimeProvider.System.GetTimestamp()));
            return since < TimeSpan.FromMilliseconds(Math.Abs(n.GetHashCode(StringComparison.Ordinal)) % 300)
                ? null
                : ScriptedAgent.Success(n, j, TimeProvider.System.GetUtcNow());
        });

        // Watches the job all along: once an agent's entry is terminal it must stay exactly that.
        var terminal = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var reverted = new ConcurrentQueue<string>();
        using var stopWatching = new CancellationTokenSource();
        var watching = Task.Run(async () =>
        {
            while (!stopWatching.IsCancellationRequested)
            {
                var seen = await Cluster.GetJobAsync("two-writers");
                foreach (var entry in seen?.Status?.NodeStatus ?? [])
                {
                    var json = KubernetesJson.Serialize(entry);
                    if (agentNodes.Contains(entry.NodeName!) && terminal.TryGetValue(entry.NodeName!, out var first) && first != json)
                    {
                        reverted.Enqueue($"{entry.NodeName}: was {first}, then {json}");
                    }

                    if (entry.Phase is NodeTaskPhases.Successful or NodeTaskPhases.Failure)
                    {
                        terminal.TryAdd(entry.NodeName!, json);
                    }
                }

                await Task.Delay(5, CancellationToken.None);
            }
        }, CancellationToken.None);
        try
        {
            await Cluster.CreateJobAsync(job);
            var done = await Cluster.WaitForPhaseAsync("two-writers", JobPhases.Completed);
            await stopWatching.CancelAsync();
            await watching;

            Assert.Empty(reverted);
            var entries = done.Status!.NodeStatus!.ToDictionary(e => e.NodeName!);
            Assert.Equal(30, entries.Count);
            foreach (var agent in agents)
            {
                Assert.Equal(KubernetesJson.Serialize(agent.Reported), KubernetesJson.Serialize(entries[agent.Node]));
            }

            Assert.All(kubelet, n => Assert.Equal(NodeTaskPhases.Successful, entries[n].Phase));
            Assert.Equal((30, 30), (done.Status.Summary!.Total, done.Status.Summary.Successful));

            // The injected conflicts were all met (by the controller's writes and the agents' patches) and survived.
            Assert.Equal(0, Cluster.Server.Faults.Pending);
        }
        finally
        {
            await stopWatching.CancelAsync();
            foreach (var agent in agents)
            {
                await agent.DisposeAsync();
            }

            await host.StopAsync(CancellationToken.None);
        }
    }
}

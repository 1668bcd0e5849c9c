using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.Telemetry;
using KubeEdge.PrePull.Runtime.Tests.Controller;
using KubeEdge.PrePull.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>
/// The controller's agent dispatcher against scripted agents (real HTTP, real JSON patches on the embedded API
/// server): agent nodes end with exactly the entries their agents wrote, other nodes go through PodApply.
/// </summary>
public sealed class AgentDispatchTests : ControllerTests
{
    private static CancellationToken Ct => ControllerCluster.Ct;

    [Fact]
    public async Task Job_AgentAndKubeletNodes_AgentEntriesAsWrittenOthersThroughPodApply()
    {
        var kubelet = Cluster.AddNodes(2);
        var agentNodes = Cluster.AddAgentNodes(2, "agent-node-");
        var pulls = new CountingKubeletPuller();
        Cluster.Server.Fleet.Puller = pulls;
        using var host = Cluster.BuildAgentController(b => b.AddPodApplyPuller().AddEdgeAgents());
        await host.StartAsync(Ct);
        var job = ControllerLifecycleTests.Job("mixed", [.. kubelet, .. agentNodes], 4, "nginx:1.27", "registry.example.org/team/tool:2");
        var agents = Cluster.StartAgents("mixed", agentNodes, (n, j) => ScriptedAgent.Success(n, j, TimeProvider.System.GetUtcNow()));
        try
        {
            await Cluster.CreateJobAsync(job);
            var done = await Cluster.WaitForPhaseAsync("mixed", JobPhases.Completed);

            var entries = done.Status!.NodeStatus!.ToDictionary(e => e.NodeName!);
            foreach (var agent in agents)
            {
                Assert.NotNull(agent.Reported);
                Assert.Equal(KubernetesJson.Serialize(agent.Reported), KubernetesJson.Serialize(entries[agent.Node]));
            }

            foreach (var node in kubelet)
            {
                Assert.Equal(NodeTaskPhases.Successful, entries[node].Phase);
                Assert.All(entries[node].ImageStatus!, i => Assert.StartsWith("sha256:", i.ImageRef, StringComparison.Ordinal));
                Assert.Equal(2, pulls.Pulls[node]);
            }

            // The agents' nodes got no pod, so their kubelets pulled nothing.
            Assert.DoesNotContain(agentNodes, pulls.Pulls.ContainsKey);
            var s = done.Status.Summary!;
            Assert.Equal((4, 4, 0, 0), (s.Total, s.Successful, s.Failed, s.Unknown));
        }
        finally
        {
            await StopAsync(host, agents);
        }
    }

    [Fact]
    public async Task Job_AgentNeverAnswers_NodeUnknownAfterTimeoutSlotFreedJobFinishes()
    {
        var nodes = Cluster.AddAgentNodes(2, "agent-");
        using var host = Cluster.BuildAgentController(b => b.AddEdgeAgents().AddPodApplyPuller());
        await host.StartAsync(Ct);
        var job = ControllerLifecycleTests.Job("silent", nodes, 1);
        job.Spec.ImagePrePullTemplate!.TimeoutSeconds = 2;
        job.Spec.ImagePrePullTemplate.FailureTolerate = "1";
        var agents = Cluster.StartAgents("silent", nodes, (n, j) => n == nodes[0] ? null : ScriptedAgent.Success(n, j, TimeProvider.System.GetUtcNow()));
        try
        {
            await Cluster.CreateJobAsync(job);
            var done = await Cluster.WaitForPhaseAsync("silent", JobPhases.Completed);

            var silent = done.Status!.NodeStatus!.Single(e => e.NodeName == nodes[0]);
            Assert.Equal(NodeTaskPhases.Unknown, silent.Phase);
            Assert.Equal(SchedulerReasons.TimedOut(TimeSpan.FromSeconds(2)), silent.Reason);

            // Concurrency 1: the second node ran only because the timeout freed the slot.
            var answered = done.Status.NodeStatus!.Single(e => e.NodeName == nodes[1]);
            Assert.Equal(KubernetesJson.Serialize(agents[1].Reported), KubernetesJson.Serialize(answered));
            Assert.Equal((1, 1), (done.Status.Summary!.Successful, done.Status.Summary.Unknown));
        }
        finally
        {
            await StopAsync(host, agents);
        }
    }

    [Fact]
    public async Task Job_AgentReportsFailedImage_ControllerDoesNotRetryIt()
    {
        var nodes = Cluster.AddAgentNodes(1, "agent-");
        using var host = Cluster.BuildAgentController(b => b.AddEdgeAgents());
        var pullAttempts = CountPullAttempts(host, out var listener);
        using var _ = listener;
        await host.StartAsync(Ct);
        var job = ControllerLifecycleTests.Job("refused", nodes, 1, "registry.example.org/team/private:1");
        job.Spec.ImagePrePullTemplate!.RetryTimes = 3;
        job.Spec.ImagePrePullTemplate.FailureTolerate = "1";
        const string Reason = "failed to pull image registry.example.org/team/private:1: 401 Unauthorized (4 attempts on the node)";
        var agents = Cluster.StartAgents("refused", nodes, (n, j) => new NodeTaskResult(
            n,
            NodeTaskPhases.Failure,
            SchedulerReasons.ImagesFailed(1, 1),
            [new ActionResult(NodeActions.Pull, false, SchedulerReasons.ImagesFailed(1, 1), TimeProvider.System.GetUtcNow())],
            [new ImageResult("registry.example.org/team/private:1", false, Reason, "registry.example.org/team/private:1", null, null, 4)]));
        try
        {
            await Cluster.CreateJobAsync(job);
            var done = await Cluster.WaitForPhaseAsync("refused", JobPhases.Completed);

            var entry = Assert.Single(done.Status!.NodeStatus!);
            Assert.Equal(KubernetesJson.Serialize(agents[0].Reported), KubernetesJson.Serialize(entry));
            Assert.Equal(Reason, Assert.Single(entry.ImageStatus!).Reason);

            // One attempt through the dispatcher: retryTimes 3 was the agent's business.
            Assert.Single(pullAttempts);
        }
        finally
        {
            await StopAsync(host, agents);
        }
    }

    [Fact]
    public async Task Job_AgentModeAboveDetailLimit_StatusStillListsEveryNode()
    {
        var nodes = Cluster.AddAgentNodes(3, "agent-");
        using var host = Cluster.BuildAgentController(b => b.AddEdgeAgents(), o => o.DetailLimit = 1);
        await host.StartAsync(Ct);
        var job = ControllerLifecycleTests.Job("listed", nodes, 1);
        var agents = Cluster.StartAgents("listed", nodes, (n, j) => ScriptedAgent.Success(n, j, TimeProvider.System.GetUtcNow()));
        try
        {
            await Cluster.CreateJobAsync(job);

            // Above the limit a PodApply job would keep only unfinished nodes; here every agent finds its entry, and
            // the finished ones stay.
            var done = await Cluster.WaitForPhaseAsync("listed", JobPhases.Completed);

            Assert.Equal(nodes, done.Status!.NodeStatus!.Select(e => e.NodeName!));
            Assert.All(done.Status.NodeStatus!, e => Assert.Equal(NodeTaskPhases.Successful, e.Phase));
            Assert.All(agents, a => Assert.NotNull(a.Reported));
        }
        finally
        {
            await StopAsync(host, agents);
        }
    }

    [Fact]
    public async Task EdgeAgentsAlone_UnlabelledNode_FailsNamingTheLabel()
    {
        var plain = Cluster.AddNodes(1);
        var agentNode = Cluster.AddAgentNodes(1, "agent-");
        using var host = Cluster.BuildAgentController(b => b.AddEdgeAgents());
        await host.StartAsync(Ct);
        var job = ControllerLifecycleTests.Job("agents-only", [.. plain, .. agentNode], 2);
        job.Spec.ImagePrePullTemplate!.FailureTolerate = "1";
        var agents = Cluster.StartAgents("agents-only", agentNode, (n, j) => ScriptedAgent.Success(n, j, TimeProvider.System.GetUtcNow()));
        try
        {
            await Cluster.CreateJobAsync(job);
            var done = await Cluster.WaitForPhaseAsync("agents-only", JobPhases.Completed);

            var failed = done.Status!.NodeStatus!.Single(e => e.NodeName == plain[0]);
            Assert.Equal(NodeTaskPhases.Failure, failed.Phase);
            Assert.Contains(
                $"node {plain[0]} has no edge agent (label {EdgeAgentLabels.Agent}) and no other backend is registered",
                failed.Reason,
                StringComparison.Ordinal);
            Assert.Equal(NodeTaskPhases.Successful, done.Status.NodeStatus!.Single(e => e.NodeName == agentNode[0]).Phase);
        }
        finally
        {
            await StopAsync(host, agents);
        }
    }

    [Fact]
    public async Task EdgeAgentsAlone_NoAgentNodeInJob_EveryNodeFailsNamingTheLabel()
    {
        var plain = Cluster.AddNodes(2);
        using var host = Cluster.BuildAgentController(b => b.AddEdgeAgents("example.com/puller"));
        await host.StartAsync(Ct);
        var job = ControllerLifecycleTests.Job("no-agents", plain, 2);
        job.Spec.ImagePrePullTemplate!.CheckItems = ["disk"];
        job.Spec.ImagePrePullTemplate.FailureTolerate = "1";
        await Cluster.CreateJobAsync(job);

        var done = await Cluster.WaitForPhaseAsync("no-agents", JobPhases.Completed);

        Assert.All(done.Status!.NodeStatus!, e => Assert.Contains(
            $"node {e.NodeName} has no edge agent (label example.com/puller) and no other backend is registered", e.Reason, StringComparison.Ordinal));
        await host.StopAsync(Ct);
    }

    private static ConcurrentQueue<long> CountPullAttempts(IHost host, out MeterListener listener)
    {
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        var attempts = new ConcurrentQueue<long>();
        listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this host's meter: other tests run controllers in parallel.
                if (instrument.Meter.Name == PrePullTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, meters)
                    && instrument.Name == PrePullTelemetry.ImagePullsInstrument)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, v, _, _) => attempts.Enqueue(v));
        listener.Start();
        return attempts;
    }

    private static async Task StopAsync(IHost host, List<ScriptedAgent> agents)
    {
        foreach (var agent in agents)
        {
            await agent.DisposeAsync();
        }

        await host.StopAsync(CancellationToken.None);
    }
}

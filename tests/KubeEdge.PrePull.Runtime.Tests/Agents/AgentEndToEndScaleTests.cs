using System.Globalization;
using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling;
using KubeEdge.PrePull.Runtime.Tests.Controller;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>
/// The scaling report of agent mode (issue 9): 50 real agent hosts, each with a zero-latency simulated puller, and
/// the real controller, on one job. It prints status writes (controller and agents) and conflict retries per node,
/// and checks that every node ends with its agent's result. Counts, not timings: those belong to benchmarks.
/// </summary>
public sealed class AgentEndToEndScaleTests : ControllerTests
{
    private const int Agents = 50;

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    public async Task Job_FiftySimulatedAgents_ReportsStatusWritesAndConflictsPerNode(int concurrency)
    {
        var nodes = Cluster.AddAgentNodes(Agents, "sim-");
        var controllerCounter = new StatusWriteCounter();
        var agentCounters = new List<StatusWriteCounter>();
        var hosts = new List<IHost>();
        using var controller = Cluster.BuildAgentController(b => b.AddEdgeAgents(), handler: controllerCounter);
        try
        {
            await controller.StartAsync(ControllerCluster.Ct);
            foreach (var node in nodes)
            {
                var counter = new StatusWriteCounter();
                agentCounters.Add(counter);
                hosts.Add(await StartSimulatedAgentAsync(node, counter));
            }

            var job = ControllerLifecycleTests.Job("fifty", nodes, concurrency, "nginx:1.27", "registry.example.org/team/tool:2");
            var started = TimeProvider.System.GetTimestamp();
            await Cluster.CreateJobAsync(job);
            var done = await Cluster.WaitForPhaseAsync("fifty", JobPhases.Completed);
            var took = TimeProvider.System.GetElapsedTime(started);

            Assert.Equal((Agents, Agents), (done.Status!.Summary!.Total, done.Status.Summary.Successful));
            Assert.All(done.Status.NodeStatus!, e => Assert.All(e.ImageStatus!, i => Assert.Equal("sha256:" + e.NodeName + "-" + i.Image, i.ImageRef)));

            var agentWrites = agentCounters.Sum(c => c.Writes);
            var agentAccepted = agentCounters.Sum(c => c.Accepted);
            var agentRefused = agentCounters.Sum(c => c.Refused);

            // Each agent's result went in once.
            Assert.Equal(Agents, agentAccepted);
            var perNode = (double)(controllerCounter.Writes + agentWrites) / Agents;
            var conflictsPerNode = (double)(controllerCounter.Refused + agentRefused) / Agents;
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {Agents} agents, concurrency {concurrency} | controller writes {controllerCounter.Writes} (409: {controllerCounter.Refused}, re-reads {controllerCounter.JobReads}) | agent writes {agentWrites} (409/422: {agentRefused}, job GETs {agentCounters.Sum(c => c.JobReads)}) | writes/node {perNode:F2} | conflict retries/node {conflictsPerNode:F2} | job took {took.TotalSeconds:F1} s |"));
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
            }

            await controller.StopAsync(CancellationToken.None);
        }
    }

    private async Task<IHost> StartSimulatedAgentAsync(string node, StatusWriteCounter counter)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddImagePrePullAgent(node)
            .UseKubernetes(_ => Cluster.Api.CreateClient(counter))
            .AddCriPuller("/nonexistent/simulated.sock");

        // The runtime is simulated: every pull succeeds at once with a reference naming the node and the image.
        builder.Services.Replace(ServiceDescriptor.Singleton<IJobPullerFactory>(new NodeLocalPullerFactory(new InstantPuller())));
        var host = builder.Build();
        await host.StartAsync(ControllerCluster.Ct);
        return host;
    }

    private sealed class InstantPuller : IImagePuller
    {
        public string Name => "simulated";

        public IReadOnlyCollection<string> SupportedCheckItems => [];

        public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(CheckResult.Passed);

        public ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(PullResult.Success("sha256:" + request.NodeName + "-" + request.Image));
    }
}

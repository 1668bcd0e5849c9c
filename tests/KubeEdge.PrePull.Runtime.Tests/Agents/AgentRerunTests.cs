using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.Tests.Controller;
using KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>
/// A rerun on an edge agent's node (docs/design.md §2 "Life cycle" item 6): the agent's kept result belongs to one
/// <c>status.observedRerun</c>, so an entry set back to <c>InProgress</c> by a rerun is pulled again, while the same
/// entry set back by a stale write (same <c>observedRerun</c>) is answered with the kept result.
/// The test plays the controller, on a real containerd with a real authenticated registry.
/// </summary>
public sealed class AgentRerunTests(CriFixture fixture) : IClassFixture<CriFixture>, IAsyncLifetime
{
    private const string Node = "edge-rerun";
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private AgentCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        fixture.Require();
        _cluster = await AgentCluster.StartAsync(fixture);
        await _cluster.CreateNodeAsync(Node, (EdgeAgentLabels.Agent, "true"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Agent_EntryBackInProgressUnderANewObservedRerun_PullsAgain()
    {
        var image = await fixture.Bob.PushImageAsync($"rerun-{_id}", "v1");
        await _cluster.Cluster.CreateRegistrySecretAsync("default", "bob-secret", fixture.Bob.Host, fixture.Bob.User, fixture.Bob.Password);
        await _cluster.CreateDispatchedJobAsync(AgentJobs.Create("rerun", [image], ["default/bob-secret"]), (Node, NodeTaskPhases.InProgress));
        var pulls = new PullLog();
        await _cluster.StartAgentAsync(Node, pulls);
        Assert.Equal(NodeTaskPhases.Successful, (await _cluster.WaitForEntryAsync("rerun", Node)).Phase);
        Assert.Equal(1, pulls.Count(image));

        // The controller's rerun: a new observedRerun and the node's entry dispatched again.
        await RerunAsync("rerun", "1");
        var again = await _cluster.WaitForEntryAsync("rerun", Node);

        Assert.Equal(NodeTaskPhases.Successful, again.Phase);
        Assert.Equal(2, pulls.Count(image));
    }

    private async Task RerunAsync(string job, string value)
    {
        var patch = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["phase"] = JobPhases.InProgress,
                ["observedRerun"] = value,
                ["nodeStatus"] = new JsonArray(new JsonObject { ["nodeName"] = Node, ["phase"] = NodeTaskPhases.InProgress }),
            },
        };
        await _cluster.Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
            ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, job, cancellationToken: ControllerCluster.Ct);
    }
}

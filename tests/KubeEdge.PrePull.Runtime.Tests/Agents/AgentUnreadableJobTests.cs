using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.Tests.Caching;
using KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;
using KubeEdge.PrePull.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>
/// The edge agent beside jobs whose JSON does not bind (docs/design.md §2, Unreadable jobs): it reads jobs through
/// the same cache as the controller, so the bad ones stop nothing, are logged once each and get no write from it.
/// </summary>
public sealed class AgentUnreadableJobTests(CriFixture fixture) : IClassFixture<CriFixture>, IAsyncLifetime
{
    private const string Node = "edge-a";

    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private AgentCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        fixture.Require();
        _cluster = await AgentCluster.StartAsync(fixture, new EmbeddedApiServerOptions { ValidateCustomResources = false });
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
    public async Task Agent_UnreadableJobsBesideItsOwn_RunsItsEntriesAndLogsEachFaultOnce()
    {
        var image = await fixture.Alice.PushImageAsync($"beside-{_id}", "v1");
        var later = await fixture.Alice.PushImageAsync($"later-{_id}", "v1");
        await _cluster.Cluster.CreateRegistrySecretAsync("default", "alice-secret", fixture.Alice.Host, fixture.Alice.User, fixture.Alice.Password);
        string[] secrets = ["default/alice-secret"];
        await RawJobs.StoreAllBadAsync(_cluster.Client, Node);
        await _cluster.CreateDispatchedJobAsync(AgentJobs.Create("good", [image], secrets), (Node, NodeTaskPhases.InProgress));

        await _cluster.StartAgentAsync(Node);
        Assert.Equal(NodeTaskPhases.Successful, (await _cluster.WaitForEntryAsync("good", Node)).Phase);

        // A bad job that arrives while the agent watches does not stop the watch either.
        await RawJobs.StoreAsync(_cluster.Client, RawJobs.Job("bad-later", Node, t => t["retryTimes"] = "twice"));
        await _cluster.CreateDispatchedJobAsync(AgentJobs.Create("good-later", [later], secrets), (Node, NodeTaskPhases.InProgress));
        Assert.Equal(NodeTaskPhases.Successful, (await _cluster.WaitForEntryAsync("good-later", Node)).Phase);

        foreach (var name in RawJobs.Faults.Select(f => f.Name).Append("bad-later"))
        {
            Assert.Single(_cluster.Logs, r => r.Id.Id == 106 && r.Message.Contains(" " + name + " ", StringComparison.Ordinal));

            // Reporting is the controller's; the agent writes nothing on them.
            Assert.Null((await RawJobs.GetAsync(_cluster.Client, name))!["status"]);
        }
    }
}

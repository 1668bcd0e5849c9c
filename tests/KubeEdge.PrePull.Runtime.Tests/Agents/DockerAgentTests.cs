using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>The edge agent with <c>AddDockerPuller</c>, on a real dockerd and authenticated registries.</summary>
public sealed class DockerAgentTests(DockerFixture fixture) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task Agent_DockerPuller_WritesItsEntryAndTheEngineHasTheImages()
    {
        fixture.Require();
        await using var cluster = await AgentCluster.StartAsync(fixture);
        await cluster.CreateNodeAsync("docker-node", ("region", "hz"));
        var id = Guid.NewGuid().ToString("N")[..8];
        var app = await fixture.Alice.PushImageAsync($"app-{id}", "v1");
        var tool = await fixture.Bob.PushImageAsync($"tool-{id}", "v1");
        await cluster.Cluster.CreateRegistrySecretAsync("default", "alice-secret", fixture.Alice.Host, fixture.Alice.User, fixture.Alice.Password);
        await cluster.Cluster.CreateRegistrySecretAsync("default", "bob-secret", fixture.Bob.Host, fixture.Bob.User, fixture.Bob.Password);
        await cluster.CreateDispatchedJobAsync(
            AgentJobs.Create("on-docker", [app, tool], ["default/alice-secret", "default/bob-secret"]), ("docker-node", NodeTaskPhases.InProgress));

        await cluster.StartAgentAsync("docker-node");
        var entry = await cluster.WaitForEntryAsync("on-docker", "docker-node");

        Assert.Equal(NodeTaskPhases.Successful, entry.Phase);
        Assert.Equal(["default/alice-secret", "default/bob-secret"], entry.ImageStatus!.Select(i => i.Secret));
        foreach (var image in new[] { app, tool })
        {
            var inspect = await ProcessRun.RunAsync(Daemons.Find("docker") ?? "docker", "-H", $"unix://{fixture.Docker.SocketPath}", "image", "inspect", "--format", "{{.Id}}", image);
            Assert.True(inspect.ExitCode == 0, inspect.Error);
            Assert.Equal(entry.ImageStatus!.Single(i => i.ResolvedImage == image).ImageRef, inspect.Output.Trim());
        }
    }
}

using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>samples/EdgeAgent, started as its own process against the embedded server and a real containerd.</summary>
public sealed class EdgeAgentSampleTests(CriFixture fixture) : IClassFixture<CriFixture>
{
    [Fact]
    public async Task Sample_StartedWithNodeNameAndSocket_WritesItsEntry()
    {
        fixture.Require();
        await using var cluster = await AgentCluster.StartAsync(fixture);
        var kubeconfig = cluster.Cluster.WriteKubeconfig();
        await cluster.CreateNodeAsync("sample-node", (EdgeAgentLabels.Agent, "true"));
        var image = await fixture.Alice.PushImageAsync("sample-" + Guid.NewGuid().ToString("N")[..8], "v1");
        await cluster.Cluster.CreateRegistrySecretAsync("default", "alice-secret", fixture.Alice.Host, fixture.Alice.User, fixture.Alice.Password);
        await cluster.CreateDispatchedJobAsync(AgentJobs.Create("from-agent-sample", [image], ["default/alice-secret"]), ("sample-node", NodeTaskPhases.InProgress));

        await using var sample = SampleProcess.Start(
            "EdgeAgent",
            ("KUBECONFIG", kubeconfig),
            ("NODE_NAME", "sample-node"),
            ("ImagePrePullAgent__CriSocket", fixture.Containerd.SocketPath));
        var output = sample.Output;
        var entry = await sample.RunAsync(async () =>
        {
            var written = await cluster.WaitForEntryAsync("from-agent-sample", "sample-node");

            // The agent logs its write after the server has answered, and the console logger writes a little later
            // still: wait for the line while the process runs, since stopping it first can lose it.
            await Eventually.WaitUntilAsync(() => output.Any(l => l.Contains("wrote the entry of node sample-node", StringComparison.Ordinal)), "the agent logs that it wrote its entry");
            return written;
        });

        Assert.Equal(NodeTaskPhases.Successful, entry.Phase);
        Assert.Equal("default/alice-secret", entry.ImageStatus!.Single().Secret);
        Assert.True(await cluster.HasImageAsync(image));
        Assert.Contains(output, l => l.Contains("wrote the entry of node sample-node", StringComparison.Ordinal));
        Assert.DoesNotContain(output, l => l.Contains(fixture.Alice.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sample_StartedWithoutNodeName_ExitsNamingTheOption()
    {
        await using var sample = SampleProcess.Start("EdgeAgent", ("NODE_NAME", null), ("KUBECONFIG", Path.Combine(Path.GetTempPath(), "no-such-kubeconfig")));
        var exitCode = await sample.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("NodeName is required", string.Join('\n', sample.Output), StringComparison.Ordinal);
    }
}

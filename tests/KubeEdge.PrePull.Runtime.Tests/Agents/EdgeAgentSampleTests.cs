using System.Diagnostics;
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

        var sample = RepoPaths.SampleAssembly("EdgeAgent");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(sample)! };
        start.ArgumentList.Add(sample);
        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["NODE_NAME"] = "sample-node";
        start.Environment["ImagePrePullAgent__CriSocket"] = fixture.Containerd.SocketPath;
        start.Environment["Logging__Console__FormatterName"] = "simple";
        using var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ImagePrePullNodeTaskStatus entry;
        try
        {
            entry = await cluster.WaitForEntryAsync("from-agent-sample", "sample-node");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException("The sample wrote:\n" + string.Join('\n', output) + "\n" + e.Message);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        Assert.Equal(NodeTaskPhases.Successful, entry.Phase);
        Assert.Equal("default/alice-secret", entry.ImageStatus!.Single().Secret);
        Assert.True(await cluster.HasImageAsync(image));
        Assert.Contains(output, l => l.Contains("wrote the entry of node sample-node", StringComparison.Ordinal));
        Assert.DoesNotContain(output, l => l.Contains(fixture.Alice.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sample_StartedWithoutNodeName_ExitsNamingTheOption()
    {
        var sample = RepoPaths.SampleAssembly("EdgeAgent");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(sample)! };
        start.ArgumentList.Add(sample);
        start.Environment.Remove("NODE_NAME");
        start.Environment["KUBECONFIG"] = Path.Combine(Path.GetTempPath(), "no-such-kubeconfig");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("NodeName is required", await stdout + stderr, StringComparison.Ordinal);
    }
}

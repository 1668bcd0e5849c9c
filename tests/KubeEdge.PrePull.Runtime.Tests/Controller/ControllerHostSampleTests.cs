using System.Diagnostics;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>samples/ControllerHost, started as its own process against the embedded server through a kubeconfig.</summary>
public sealed class ControllerHostSampleTests : ControllerTests
{
    [Fact]
    public async Task Sample_StartedWithKubeconfig_RunsAJobToCompletion()
    {
        var kubeconfig = Cluster.WriteKubeconfig();
        var nodes = Cluster.AddNodes(5);
        var sample = RepoPaths.SampleAssembly("ControllerHost");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(sample)! };
        start.ArgumentList.Add(sample);
        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["ImagePrePull__LeaderElection__LeaseNamespace"] = "kube-system";
        start.Environment["ImagePrePull__StatusFlushInterval"] = "00:00:00.200";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        using var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Cluster.CreateJobAsync(ControllerLifecycleTests.Job("from-sample", nodes, concurrency: 5));

            var done = await Cluster.WaitForPhaseAsync("from-sample", JobPhases.Completed);

            Assert.Equal(5, done.Status!.Summary!.Successful);
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

        Assert.Contains(output, l => l.Contains("Job from-sample started on 5 nodes", StringComparison.Ordinal));
    }
}

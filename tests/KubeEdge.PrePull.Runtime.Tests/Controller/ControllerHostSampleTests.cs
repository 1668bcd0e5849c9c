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
        await using var sample = SampleProcess.Start(
            "ControllerHost",
            ("KUBECONFIG", kubeconfig),
            ("ImagePrePull__LeaderElection__LeaseNamespace", "kube-system"),
            ("ImagePrePull__StatusFlushInterval", "00:00:00.200"));
        var output = sample.Output;
        await sample.RunAsync(async () =>
        {
            await Cluster.CreateJobAsync(ControllerLifecycleTests.Job("from-sample", nodes, concurrency: 5));

            var done = await Cluster.WaitForPhaseAsync("from-sample", JobPhases.Completed);

            Assert.Equal(5, done.Status!.Summary!.Successful);

            // Console output trails the work: wait for the line while the process still runs.
            await Eventually.WaitUntilAsync(() => output.Any(l => l.Contains("Job from-sample started on 5 nodes", StringComparison.Ordinal)), "the sample logs the job's start");
        });

        Assert.Contains(output, l => l.Contains("Job from-sample started on 5 nodes", StringComparison.Ordinal));
    }
}

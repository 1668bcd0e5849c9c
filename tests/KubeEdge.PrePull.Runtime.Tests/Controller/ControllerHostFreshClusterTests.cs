using System.Net;
using k8s;
using k8s.Autorest;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// samples/ControllerHost with its own appsettings.json (leader election on, Lease in <c>kubeedge-prepull</c>)
/// against an API server that has only the namespaces a new cluster has: it must create the Lease's namespace,
/// lead, and run a job.
/// </summary>
public sealed class ControllerHostFreshClusterTests : ControllerTests
{
    private const string SampleLeaseNamespace = "kubeedge-prepull";

    [Fact]
    public async Task Sample_OnAFreshCluster_LeadsAndRunsAJobToCompletion()
    {
        Assert.False(await NamespaceExistsAsync(SampleLeaseNamespace), "the test needs a cluster without the sample's namespace");
        var nodes = Cluster.AddNodes(3);
        await using var sample = SampleProcess.Start("ControllerHost", ("KUBECONFIG", Cluster.WriteKubeconfig()), ("ImagePrePull__StatusFlushInterval", "00:00:00.200"));
        var output = sample.Output;
        await sample.RunAsync(async () =>
        {
            await Cluster.CreateJobAsync(ControllerLifecycleTests.Job("fresh-cluster", nodes, concurrency: 3));

            var done = await Cluster.WaitForPhaseAsync("fresh-cluster", JobPhases.Completed);

            Assert.Equal(3, done.Status!.Summary!.Successful);

            // Console output trails the work: wait for the line while the process still runs.
            await Eventually.WaitUntilAsync(() => output.Any(l => l.Contains("Created namespace kubeedge-prepull for Lease kubeedge-prepull-controller", StringComparison.Ordinal)), "the sample logs that it created the Lease namespace");
        });

        Assert.True(await NamespaceExistsAsync(SampleLeaseNamespace));
        var lease = await Cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("kubeedge-prepull-controller", SampleLeaseNamespace, cancellationToken: ControllerCluster.Ct);
        Assert.False(string.IsNullOrEmpty(lease.Spec.HolderIdentity), "the sample never held the Lease");
        Assert.Contains(output, l => l.Contains("Created namespace kubeedge-prepull for Lease kubeedge-prepull-controller", StringComparison.Ordinal));
    }

    private async Task<bool> NamespaceExistsAsync(string name)
    {
        try
        {
            await Cluster.Client.CoreV1.ReadNamespaceAsync(name, cancellationToken: ControllerCluster.Ct);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}

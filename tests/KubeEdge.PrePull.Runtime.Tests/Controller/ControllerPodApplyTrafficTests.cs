using System.Globalization;
using System.Text;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Testing.Fleet;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// The PodApply backend's API traffic per node (issue 21 §1, docs/design.md §3 "PodApply"): a pod created and
/// deleted per node, node conditions from the controller's node cache, pod progress from one pod watch per job.
/// Counted on the wire of the controller's client, so the count is exact whatever the machine's speed. First-chance
/// exceptions and allocated bytes per node go to the output only: they are process-wide (the embedded server and
/// other tests run in this process too), and benchmarks/ measures them alone.
/// </summary>
public sealed class ControllerPodApplyTrafficTests
{
    private const int Nodes = 1_000;

    [Fact]
    public async Task ThousandNodesWithDiskCheck_AtMostTwoPointOneRequestsPerNode()
    {
        await using var run = await CountedPodApplyRun.StartAsync(new NodeFleetOptions { Count = Nodes });
        var job = new ImagePrePullJob
        {
            ApiVersion = ImagePrePullJobNames.GroupVersionV1Alpha2,
            Kind = ImagePrePullJobNames.Kind,
            Metadata = new V1ObjectMeta { Name = "traffic" },
            Spec = new ImagePrePullJobSpec
            {
                ImagePrePullTemplate = new ImagePrePullTemplate
                {
                    Images = ["nginx:1.27", "registry.example.org/edge/agent:2"],
                    LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [NodeFleetOptions.EdgeRoleLabel] = string.Empty } },
                    CheckItems = [CheckItems.Disk],
                    Concurrency = 200,
                },
            },
        };

        var exceptions = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> onException =
            (_, e) => exceptions.AddOrUpdate(e.Exception.GetType().Name, 1, static (_, n) => n + 1);
        AppDomain.CurrentDomain.FirstChanceException += onException;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        ImagePrePullJob current;
        try
        {
            current = await run.RunToEndAsync(job);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= onException;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        await run.StopAsync();

        Assert.Equal(JobPhases.Completed, current.Status!.Phase);
        Assert.Equal(Nodes, current.Status.Summary!.Successful);

        // Pods and nodes only: job reads, status writes and events are the controller's, not the backend's.
        var counter = run.Counter;
        var podApply = counter.Counts.Where(p => p.Key.EndsWith(" pods", StringComparison.Ordinal) || p.Key.EndsWith(" nodes", StringComparison.Ordinal)).ToList();
        var perNode = (double)podApply.Sum(p => p.Value) / Nodes;
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{Nodes:N0} nodes x 2 images, disk check, concurrency 200: pod and node requests {perNode:F3} per node")
            .AppendLine(CultureInfo.InvariantCulture, $"first-chance exceptions (whole process) {(double)exceptions.Values.Sum() / Nodes:F2} per node ({string.Join(", ", exceptions.OrderByDescending(p => p.Value).Select(p => p.Key + " " + p.Value))}); allocated (whole process) {allocated / Nodes / 1024.0:F1} KB per node");
        run.AppendCounts(report, Nodes);
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());

        // POST and DELETE pods per node; the node list and watch of the node cache, and the job's one pod list and
        // watch (re-opened now and then), are a few requests in all, not per node.
        Assert.True(perNode <= 2.1, report.ToString());
        Assert.True(counter.Count("GET pods") + counter.Count("WATCH pods") <= 10, report.ToString());
        Assert.True(counter.Count("GET nodes") <= 5, report.ToString());
    }
}

using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Agents;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.Pulling;
using KubeEdge.PrePull.Runtime.Tests.Controller;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Testing.Faults;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>The agent's write-back against the embedded API server: the guarded JSON patch, re-finding, dropping.</summary>
public sealed class AgentEntryWriterTests : ControllerTests
{
    private static readonly ImagePrePullNodeTaskStatus Result = new()
    {
        NodeName = "edge-a",
        Phase = NodeTaskPhases.Successful,
        ImageStatus = [new ImageStatus { Image = "example.com/app:v1", Status = ConditionStatuses.True, Secret = "default/s" }],
    };

    [Fact]
    public async Task WriteAsync_EntriesReorderedSinceTheAgentLooked_RefindsItsEntryByName()
    {
        var seen = await CreateAsync(("edge-a", NodeTaskPhases.InProgress), ("edge-b", NodeTaskPhases.InProgress));
        await SetEntriesAsync(("edge-b", NodeTaskPhases.InProgress), ("edge-a", NodeTaskPhases.InProgress));

        var written = await Writer().WriteAsync(seen, Result, ControllerCluster.Ct);

        Assert.Equal(AgentWriteResult.Written, written);
        var entries = (await Cluster.GetJobAsync("job"))!.Status!.NodeStatus!;
        Assert.Equal((NodeTaskPhases.InProgress, null), (entries[0].Phase, entries[0].ImageStatus));
        Assert.Equal("edge-b", entries[0].NodeName);
        Assert.Equal(KubernetesJson.Serialize(Result), KubernetesJson.Serialize(entries[1]));
    }

    [Theory]
    [InlineData(NodeTaskPhases.Unknown, JobPhases.InProgress)]
    [InlineData(NodeTaskPhases.InProgress, JobPhases.Completed)]
    public async Task WriteAsync_EntryOrJobDecidedSinceTheAgentLooked_DropsTheResult(string entryPhase, string jobPhase)
    {
        var seen = await CreateAsync(("edge-a", NodeTaskPhases.InProgress));
        await SetEntriesAsync(jobPhase, ("edge-a", entryPhase));

        var written = await Writer().WriteAsync(seen, Result, ControllerCluster.Ct);

        Assert.Equal(AgentWriteResult.Dropped, written);
        var job = (await Cluster.GetJobAsync("job"))!;
        Assert.Equal((jobPhase, entryPhase), (job.Status!.Phase, job.Status.NodeStatus!.Single().Phase));
    }

    [Fact]
    public async Task WriteAsync_JobDeleted_DropsTheResult()
    {
        var seen = await CreateAsync(("edge-a", NodeTaskPhases.InProgress));
        await Cluster.DeleteJobAsync("job");

        Assert.Equal(AgentWriteResult.Dropped, await Writer().WriteAsync(seen, Result, ControllerCluster.Ct));
    }

    [Fact]
    public async Task WriteAsync_ServerKeepsRefusing_ThrowsAfterTheBoundedAttempts()
    {
        var seen = await CreateAsync(("edge-a", NodeTaskPhases.InProgress));
        Cluster.Server.Faults.Add("imageprepulljobs/status", "patch", FaultKind.InternalError, times: AgentEntryWriter.MaxAttempts);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Writer().WriteAsync(seen, Result, ControllerCluster.Ct));

        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.Equal(NodeTaskPhases.InProgress, (await Cluster.GetJobAsync("job"))!.Status!.NodeStatus!.Single().Phase);
    }

    private AgentEntryWriter Writer() => new(new AgentContext(
        "edge-a", ClusterConnection.FromClient(Cluster.Client), new NoPullers(), new SchedulerOptions(), TimeProvider.System, Cluster.Logs.CreateLogger("agent")));

    private async Task<ImagePrePullJob> CreateAsync(params (string Node, string Phase)[] entries)
    {
        await Cluster.CreateJobAsync(AgentJobs.Create("job", ["example.com/app:v1"]));
        await SetEntriesAsync(entries);
        return (await Cluster.GetJobAsync("job"))!;
    }

    private Task SetEntriesAsync(params (string Node, string Phase)[] entries) => SetEntriesAsync(JobPhases.InProgress, entries);

    private async Task SetEntriesAsync(string jobPhase, params (string Node, string Phase)[] entries)
    {
        var nodes = new System.Text.Json.Nodes.JsonArray();
        foreach (var (node, phase) in entries)
        {
            nodes.Add(new System.Text.Json.Nodes.JsonObject { ["nodeName"] = node, ["phase"] = phase });
        }

        var patch = new System.Text.Json.Nodes.JsonObject { ["status"] = new System.Text.Json.Nodes.JsonObject { ["phase"] = jobPhase, ["nodeStatus"] = nodes } };
        await Cluster.Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new k8s.Models.V1Patch(patch.ToJsonString(), k8s.Models.V1Patch.PatchType.MergePatch),
            ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, "job", cancellationToken: ControllerCluster.Ct);
    }

    private sealed class NoPullers : IJobPullerFactory
    {
        public string Name => "none";

        public KubeEdge.PrePull.Pulling.IImagePuller CreateForJob(ImagePrePullJob job) => throw new NotSupportedException("The writer does not pull.");
    }
}

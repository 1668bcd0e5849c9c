using System.Text;
using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Status;

namespace KubeEdge.PrePull.Tests.Status;

public sealed class JobStatusBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static NodeTaskResult Successful(string name) => new(
        name,
        NodeTaskPhases.Successful,
        null,
        [new ActionResult(NodeActions.Check, true, null, T0), new ActionResult(NodeActions.Pull, true, null, T0.AddSeconds(5))],
        [new ImageResult("nginx:1.27", true, null, "hangzhou.registry.io/library/nginx:1.27", "sha256:abc", "default/hangzhou-secret", 1)]);

    private static NodeTaskResult PullFailed(string name, string reason) => new(
        name,
        NodeTaskPhases.Failure,
        "1 of 1 images failed to pull",
        [new ActionResult(NodeActions.Check, true, null, T0), new ActionResult(NodeActions.Pull, false, "1 of 1 images failed to pull", T0.AddSeconds(5))],
        [new ImageResult("nginx:1.27", false, reason, "nginx:1.27", null, null, 3)]);

    [Fact]
    public void Build_SmallJob_WritesV1Alpha2FieldsSummaryAndMirror()
    {
        IReadOnlyList<NodeTaskResult> nodes =
        [
            Successful("node1"),
            PullFailed("node2", "manifest unknown"),
            NodeTaskResult.Failed("node3", "the node is not ready"),
            new("node4", NodeTaskPhases.Unknown, "the node task timed out after 300s", [new ActionResult(NodeActions.Check, true, null, T0)], []),
            new("node5", NodeTaskPhases.InProgress, null, [new ActionResult(NodeActions.Check, true, null, T0)], []),
            new("node6", NodeTaskPhases.Failure, "disk usage too high", [new ActionResult(NodeActions.Check, false, "disk usage too high", T0)], []),
            NodeTaskResult.Pending("node7"),
        ];

        var status = new JobStatusBuilder().Build(JobPhases.InProgress, null, T0, null, nodes);

        Assert.Equal(JobPhases.InProgress, status.Phase);
        Assert.Equal(T0, status.StartTime);
        Assert.Equal(new JobSummary { Total = 7, Pending = 1, InProgress = 1, Successful = 1, Failed = 3, Unknown = 1 }, status.Summary);
        var first = status.NodeStatus![0];
        Assert.Equal(["Check", "Pull"], first.ActionFlow!.Select(a => a.Action));
        Assert.Equal(["True", "True"], first.ActionFlow!.Select(a => a.Status));
        Assert.Equal("2026-03-01T08:00:05Z", first.ActionFlow![1].Time);
        var image = Assert.Single(first.ImageStatus!);
        Assert.Equal(("nginx:1.27", "True", "hangzhou.registry.io/library/nginx:1.27", "sha256:abc", "default/hangzhou-secret"), (image.Image, image.Status, image.ResolvedImage, image.ImageRef, image.Secret));
        Assert.Equal("False", status.NodeStatus[1].ImageStatus![0].Status);

        // The seed's state machine, replayed per node.
        Assert.Equal(
            [
                ("Successful", "Pull", "Success"),
                ("Failed", "Pull", "Failure"),
                ("Failed", "Init", "Failure"),
                ("Failed", "TimeOut", "Failure"),
                ("Pulling", "Check", "Success"),
                ("Failed", "Check", "Failure"),
                ("Init", null, null),
            ],
            status.Status!.Select(s => (s.NodeStatus!.State, s.NodeStatus.Event, s.NodeStatus.Action)));
        Assert.Equal("Failed", status.Status![1].ImageStatus![0].State);
        Assert.Equal(("Pulling", "Check", "Success"), (status.State, status.Event, status.Action));
    }

    [Theory]
    [InlineData(JobPhases.Completed, "Successful", "Pull", "Success")]
    [InlineData(JobPhases.Failure, "Failed", "Pull", "Failure")]
    [InlineData(JobPhases.Init, "Init", null, null)]
    public void Build_JobPhase_MirrorsJobState(string phase, string state, string? @event, string? action)
    {
        var status = new JobStatusBuilder().Build(phase, null, T0, T0.AddMinutes(1), [Successful("node1")]);

        Assert.Equal((state, @event, action), (status.State, status.Event, status.Action));
        Assert.Equal("2026-03-01T08:01:00Z", status.Time);
    }

    [Fact]
    public void Build_NoNodeEverRan_MirrorFailsInit()
    {
        var status = new JobStatusBuilder().Build(JobPhases.Failure, "x", T0, T0, [NodeTaskResult.Failed("node1", "the node is not ready")]);

        Assert.Equal(("Failed", "Init", "Failure"), (status.State, status.Event, status.Action));
    }

    [Fact]
    public void Build_HundredThousandNodesTenPercentFailedLongReasons_StaysUnderOneMebibyteWithExactSummary()
    {
        var longReason = "failed to pull image \"registry.example.com/team/app:v1\": rpc error: code = Unknown desc = "
            + string.Concat(Enumerable.Repeat("failed to resolve reference: unexpected status 503 Service Unavailable; ", 20));
        var nodes = new NodeTaskResult[100_000];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = i % 10 == 3 ? PullFailed($"edge-node-{i:D6}", longReason) : Successful($"edge-node-{i:D6}");
        }

        var status = new JobStatusBuilder().Build(JobPhases.Failure, SchedulerReasons.ToleranceExceeded(10_000, 100_000), T0, T0.AddHours(1), nodes);
        var json = KubernetesJson.Serialize(new ImagePrePullJob { Metadata = new() { Name = "fleet" }, Status = status });

        Assert.True(Encoding.UTF8.GetByteCount(json) < 1024 * 1024, $"status is {Encoding.UTF8.GetByteCount(json)} bytes");
        Assert.Equal(new JobSummary { Total = 100_000, Successful = 90_000, Failed = 10_000 }, status.Summary);
        Assert.NotEmpty(status.NodeStatus!);
        Assert.All(status.NodeStatus!, n => Assert.Equal(NodeTaskPhases.Failure, n.Phase));
        Assert.Null(status.Status);
        Assert.Null(status.State);
        // Kept entries are in job order.
        Assert.Equal(status.NodeStatus!.Select(n => n.NodeName).Order(StringComparer.Ordinal), status.NodeStatus!.Select(n => n.NodeName));
    }

    [Fact]
    public void Build_LargeJob_KeepsFailuresBeforeInProgressAndPending()
    {
        var nodes = Enumerable.Range(0, 30).Select(i => i switch
        {
            < 10 => NodeTaskResult.Pending($"n{i:D2}"),
            < 20 => new NodeTaskResult($"n{i:D2}", NodeTaskPhases.InProgress, null, [], []),
            _ => NodeTaskResult.Failed($"n{i:D2}", "the node is not ready"),
        }).ToList();
        var builder = new JobStatusBuilder(new StatusOptions { DetailLimit = 5, NodeStatusByteBudget = 2_000 });

        var status = builder.Build(JobPhases.InProgress, null, T0, null, nodes);

        var kept = status.NodeStatus!;
        // 30 entries of ~100 bytes do not fit in 2,000: failures go first, then in-flight nodes, then pending ones.
        Assert.Equal(10, kept.Count(n => n.Phase == NodeTaskPhases.Failure));
        Assert.InRange(kept.Count(n => n.Phase == NodeTaskPhases.InProgress), 1, 9);
        Assert.DoesNotContain(kept, n => n.Phase == NodeTaskPhases.Pending);
        Assert.True(KubernetesJson.Serialize(kept).Length <= 2_000);
        Assert.Equal(30, status.Summary!.Total);
    }

    [Fact]
    public void Build_SmallJobWithHugeReasons_IsTrimmedToo()
    {
        var huge = new string('x', 100_000);
        var nodes = Enumerable.Range(0, 20).Select(i => PullFailed($"n{i}", huge)).ToList();

        var status = new JobStatusBuilder().Build(JobPhases.Failure, null, T0, T0, nodes);

        Assert.Null(status.Status);
        Assert.True(KubernetesJson.Serialize(status).Length < 1024 * 1024);
        Assert.Equal(20, status.Summary!.Failed);
    }

    [Fact]
    public void Options_Defaults_ArePinned()
    {
        var options = new StatusOptions();

        Assert.Equal((1_000, 768 * 1024), (options.DetailLimit, options.NodeStatusByteBudget));
    }
}

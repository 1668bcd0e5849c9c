using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Selection;
using KubeEdge.PrePull.Status;

namespace KubeEdge.PrePull.Tests.Status;

public sealed class JobNodesTests
{
    private static readonly NodeSelection Selection = new(
    [
        new SelectedNode("node1"),
        new SelectedNode("node2"),
        new SelectedNode("node3"),
        new SelectedNode("node4", "the node is not ready"),
        new SelectedNode("node5"),
    ]);

    [Fact]
    public void FromSelection_InvalidNodes_AreFailures()
    {
        var nodes = JobNodes.FromSelection(Selection);

        Assert.Equal(["Pending", "Pending", "Pending", "Failure", "Pending"], nodes.Select(n => n.Phase));
        Assert.Equal("the node is not ready", nodes[3].Reason);
    }

    [Fact]
    public void Resume_ExistingStatus_KeepsTerminalEntriesAndRerunsTheRest()
    {
        var status = new ImagePrePullJobStatus
        {
            Phase = JobPhases.InProgress,
            NodeStatus =
            [
                new() { NodeName = "node1", Phase = NodeTaskPhases.Successful, ImageStatus = [new() { Image = "nginx:1.27", Status = "True", ImageRef = "sha256:a" }], ActionFlow = [new() { Action = "Pull", Status = "True", Time = "2026-03-01T08:00:05Z" }] },
                new() { NodeName = "node2", Phase = NodeTaskPhases.InProgress },
                new() { NodeName = "node3", Phase = NodeTaskPhases.Unknown, Reason = "the node task timed out after 300s" },
                // node5 is missing: a trimmed status; it runs again.
            ],
        };

        var nodes = JobNodes.Resume(Selection, status);

        Assert.Equal(["Successful", "Pending", "Unknown", "Failure", "Pending"], nodes.Select(n => n.Phase));
        Assert.Equal("sha256:a", nodes[0].Images[0].ImageRef);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 0, 5, TimeSpan.Zero), nodes[0].ActionFlow[0].Time);
    }

    [Fact]
    public void Rerun_FinishedStatus_KeepsOnlySuccessfulNodes_FailedUnknownAndMissingRunAgain()
    {
        // docs/design.md §2 "Life cycle": a rerun keeps what succeeded and runs everything else again.
        var status = new ImagePrePullJobStatus
        {
            Phase = JobPhases.Failure,
            NodeStatus =
            [
                new() { NodeName = "node1", Phase = NodeTaskPhases.Successful, ImageStatus = [new() { Image = "nginx:1.27", Status = "True", ImageRef = "sha256:a" }] },
                new() { NodeName = "node2", Phase = NodeTaskPhases.Failure, Reason = "1 of 1 images failed to pull" },
                new() { NodeName = "node3", Phase = NodeTaskPhases.Unknown, Reason = "the node task timed out after 300s" },
                new() { NodeName = "node4", Phase = NodeTaskPhases.Failure, Reason = "the node is not ready" },
                // node5 is missing: a trimmed status; it runs again.
            ],
        };

        var nodes = JobNodes.Rerun(Selection, status);

        // node4 is still not ready: it fails again with selection's reason, never dispatched.
        Assert.Equal(["Successful", "Pending", "Pending", "Failure", "Pending"], nodes.Select(n => n.Phase));
        Assert.Equal("sha256:a", nodes[0].Images[0].ImageRef);
        Assert.Equal("the node is not ready", nodes[3].Reason);
    }

    [Fact]
    public void Rerun_SucceededNodesRecord_KeepsThoseNodes()
    {
        // Above the detail limit the successful nodes are only in succeededNodes.
        var status = new ImagePrePullJobStatus
        {
            Phase = JobPhases.Failure,
            SucceededNodes = SucceededNodeSet.Encode(["node2", "node5"], 10_000),
            NodeStatus = [new() { NodeName = "node1", Phase = NodeTaskPhases.Failure }],
        };

        var nodes = JobNodes.Rerun(Selection, status);

        Assert.Equal(["Pending", "Successful", "Pending", "Failure", "Successful"], nodes.Select(n => n.Phase));
    }
}

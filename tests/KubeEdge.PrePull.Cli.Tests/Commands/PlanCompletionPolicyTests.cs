using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Cli.Tests.Commands;

/// <summary><c>plan</c> under a completion policy (issue 17): the policy is shown, NotReady nodes under a deadline wait for Ready.</summary>
public sealed class PlanCompletionPolicyTests
{
    private const string Job = """
        apiVersion: operations.kubeedge.io/v1alpha2
        kind: ImagePrePullJob
        metadata: { name: offline }
        spec:
          imagePrePullTemplate:
            images: [nginx:1.27]
            nodeNames: [edge-hangzhou-1, edge-hangzhou-3, ghost]
          completionPolicy:
        """;

    [Fact]
    public void Plan_DeadlineAndANotReadyNode_ShowsThePolicyAndTheNodeWaitingForReady()
    {
        var job = CliRun.TempFile(Job + "\n    activeDeadlineSeconds: 3600\n");

        var (code, output, _) = CliRun.Run("plan", "--job", job, "--nodes", PlanTestData.Nodes, "--all-nodes");

        Assert.Equal(1, code); // the missing node still fails: only a Never job waits for it
        var lines = PlanTestText.Lines(output);
        Assert.Equal("Completion policy: Always, active deadline 3600s", lines[1]);
        Assert.Contains("  waits for Ready (the node is not ready now): edge-hangzhou-3", lines);
        Assert.Contains("  failed to get node, err: Node \"ghost\" not found: ghost", lines);
        Assert.DoesNotContain(lines, l => l.Contains("edge-hangzhou-3", StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_Never_MissingAndNotReadyNodesWaitAndTheExitCodeIsZero()
    {
        var job = CliRun.TempFile(Job + "\n    type: Never\n");

        var (code, output, _) = CliRun.Run("plan", "--job", job, "--nodes", PlanTestData.Nodes, "-o", "json");

        Assert.Equal(0, code);
        var plan = JsonNode.Parse(output)!;
        Assert.Equal("Never", (string?)plan["completionPolicy"]!["type"]);
        Assert.Empty(plan["failedNodes"]!.AsArray());
        Assert.Equal(["edge-hangzhou-3", "ghost"], plan["waitingNodes"]!.AsArray().SelectMany(w => PlanTestText.Strings(w!["nodes"])));
    }

    [Fact]
    public void Plan_WithoutAPolicy_NotReadyNodeFailsAsUpstream()
    {
        var job = CliRun.TempFile(Job[..Job.LastIndexOf("  completionPolicy:", StringComparison.Ordinal)]);

        var (code, output, _) = CliRun.Run("plan", "--job", job, "--nodes", PlanTestData.Nodes, "-o", "json");

        Assert.Equal(1, code);
        var plan = JsonNode.Parse(output)!;
        Assert.Null(plan["completionPolicy"]);
        Assert.Empty(plan["waitingNodes"]!.AsArray());
        Assert.Contains(plan["failedNodes"]!.AsArray(), f => (string?)f!["reason"] == "the node is not ready");
    }
}

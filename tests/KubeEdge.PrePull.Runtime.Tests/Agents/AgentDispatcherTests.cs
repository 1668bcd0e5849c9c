using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Agents;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>The dispatcher on its own: waits fed by job states, step results read from entries, and the write guard.</summary>
public sealed class AgentDispatcherTests
{
    private const string Image = "registry.example.org/team/app:v1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PullAsync_AgentEntryArrives_ReturnsItsImageResultAsFinal()
    {
        var dispatcher = Dispatcher("a", "b");
        await dispatcher.BeginNodeAsync("a");
        var pull = dispatcher.PullAsync(Request("a"), Ct);
        Assert.False(pull.IsCompleted);

        dispatcher.Observe(Job("7", Entry("a", NodeTaskPhases.Successful, ("True", "sha256:abc", "default/harbor", null))));
        var result = await pull;

        Assert.Equal((true, "sha256:abc", "default/harbor", true), (result.Succeeded, result.ImageRef, result.Secret, result.Final));
    }

    [Fact]
    public async Task PullAsync_FailedImage_FailsWithTheAgentsReasonAsFinal()
    {
        var dispatcher = Dispatcher("a");
        await dispatcher.BeginNodeAsync("a");
        dispatcher.Observe(Job("7", Entry("a", NodeTaskPhases.Failure, ("False", null, null, "401 Unauthorized"))));

        var result = await dispatcher.PullAsync(Request("a"), Ct);

        Assert.Equal((false, "401 Unauthorized", true), (result.Succeeded, result.Reason, result.Final));
    }

    [Fact]
    public async Task CheckAsync_FailedCheckAction_FailsWithItsReason()
    {
        var dispatcher = Dispatcher("a");
        await dispatcher.BeginNodeAsync("a");
        var entry = Entry("a", NodeTaskPhases.Failure);
        entry.ActionFlow = [new ImagePrePullJobActionStatus { Action = NodeActions.Check, Status = "False", Reason = "disk usage 93% is over 80%" }];
        dispatcher.Observe(Job("7", entry));

        var result = await dispatcher.CheckAsync(new CheckRequest("a", ["disk"], new CheckThresholds()), Ct);

        Assert.Equal((false, "disk usage 93% is over 80%"), (result.Succeeded, result.Reason));
    }

    [Fact]
    public async Task PullAsync_Cancelled_ReleasesTheWaitAtOnce()
    {
        var dispatcher = Dispatcher("a");
        await dispatcher.BeginNodeAsync("a");
        using var timeout = new CancellationTokenSource();
        var pull = dispatcher.PullAsync(Request("a"), timeout.Token).AsTask();

        await timeout.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pull);
    }

    [Fact]
    public async Task Observe_UnknownOrOtherNodesOrInProgress_DoNotComplete()
    {
        var dispatcher = Dispatcher("a");
        await dispatcher.BeginNodeAsync("a");
        var pull = dispatcher.PullAsync(Request("a"), Ct);

        // Unknown is the controller's own (a timeout); "b" has no agent; InProgress is not a result.
        dispatcher.Observe(Job("8", Entry("a", NodeTaskPhases.Unknown), Entry("b", NodeTaskPhases.Successful)));
        dispatcher.Observe(Job("9", Entry("a", NodeTaskPhases.InProgress)));

        Assert.False(pull.IsCompleted);
        Assert.Equal("9", dispatcher.ResourceVersion);
    }

    [Fact]
    public void Prepare_AgentEntriesKnown_ReplaceTheControllersAndRecountTheSummary()
    {
        var dispatcher = Dispatcher("a", "b");
        var written = Entry("a", NodeTaskPhases.Successful, ("True", "sha256:abc", null, null));
        dispatcher.Observe(Job("7", written, Entry("b", NodeTaskPhases.InProgress)));
        var status = new ImagePrePullJobStatus
        {
            Phase = JobPhases.InProgress,
            NodeStatus = [Entry("a", NodeTaskPhases.InProgress), Entry("b", NodeTaskPhases.InProgress), Entry("c", NodeTaskPhases.Pending)],
            Summary = new JobSummary { Total = 3, InProgress = 2, Pending = 1 },
        };

        var prepared = dispatcher.Prepare(status);

        Assert.Equal(KubernetesJson.Serialize(written), KubernetesJson.Serialize(prepared.NodeStatus![0]));
        Assert.Equal([NodeTaskPhases.InProgress, NodeTaskPhases.Pending], prepared.NodeStatus.Skip(1).Select(e => e.Phase));
        Assert.Equal((3, 1, 1, 1), (prepared.Summary!.Total, prepared.Summary.Successful, prepared.Summary.InProgress, prepared.Summary.Pending));
    }

    [Fact]
    public async Task BeginNodeAsync_ResultAlreadySeen_CompletesAtOnceAndAsksForAFlush()
    {
        var dispatcher = Dispatcher("a");
        var flushes = 0;
        dispatcher.FlushRequested = () => flushes++;
        dispatcher.Observe(Job("7", Entry("a", NodeTaskPhases.Successful, ("True", "sha256:abc", null, null))));

        await dispatcher.BeginNodeAsync("a");
        var pull = dispatcher.PullAsync(Request("a"), Ct);

        Assert.True(pull.IsCompleted);
        Assert.Equal(1, flushes);
    }

    private static AgentDispatcher Dispatcher(params string[] agentNodes) =>
        new("job", new HashSet<string>(agentNodes, StringComparer.Ordinal), NullLogger.Instance);

    private static PullRequest Request(string node) => new(node, Image, Image, [], ImagePullPolicies.IfNotPresent);

    private static ImagePrePullNodeTaskStatus Entry(string node, string phase, (string Status, string? Ref, string? Secret, string? Reason)? image = null) => new()
    {
        NodeName = node,
        Phase = phase,
        ImageStatus = image is { } i ? [new ImageStatus { Image = Image, Status = i.Status, ImageRef = i.Ref, Secret = i.Secret, Reason = i.Reason, ResolvedImage = Image }] : null,
    };

    private static ImagePrePullJob Job(string resourceVersion, params ImagePrePullNodeTaskStatus[] entries) => new()
    {
        Metadata = new V1ObjectMeta { Name = "job", ResourceVersion = resourceVersion },
        Status = new ImagePrePullJobStatus { Phase = JobPhases.InProgress, NodeStatus = [.. entries] },
    };
}

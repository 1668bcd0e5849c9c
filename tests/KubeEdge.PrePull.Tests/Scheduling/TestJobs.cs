using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Tests.Scheduling;

internal static class TestJobs
{
    public static IReadOnlyList<NodeTaskResult> Nodes(int count) =>
        [.. Enumerable.Range(1, count).Select(i => NodeTaskResult.Pending($"node{i}"))];

    public static JobSettings Settings(int concurrency = 1, int timeoutSeconds = 300, int retryTimes = 0, decimal tolerate = 0.1m, IReadOnlyList<string>? checkItems = null) =>
        new(concurrency, TimeSpan.FromSeconds(timeoutSeconds), retryTimes, tolerate, checkItems ?? [CheckItems.Disk], ImagePullPolicies.IfNotPresent);

    /// <summary>Waits for the outcome, with a real-time guard so a broken scheduler fails the test instead of hanging it.</summary>
    public static Task<JobOutcome> OutcomeAsync(this JobRun run) => run.Completion.WaitAsync(Eventually.Timeout);

    public static NodeTaskResult Node(this JobOutcome outcome, string name) => outcome.Nodes.Single(n => n.NodeName == name);
}

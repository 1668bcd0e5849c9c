using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Benchmarks;

/// <summary>
/// One job run three ways: with <see cref="JobScheduler"/> (progress stream drained as a status writer would), and
/// as the bare loop a user would write with <c>Parallel.ForEachAsync</c> or <c>SemaphoreSlim</c> + <c>Task.WhenAll</c>
/// (check, pull, keep the result per node; no timeouts, retries, tolerance or progress). The scheduler runs twice:
/// streaming every step of every node (the default), and streaming only each node's dispatch and end
/// (<see cref="SchedulerOptions.StreamSteps"/> off), which is all a consumer that tracks nodes needs.
/// </summary>
internal sealed class BenchmarkJob(IImagePuller puller, int nodeCount, int concurrency) : INodePlanSource
{
    private static readonly NodePlan Plan = new([new ImagePlan("nginx:1.27", "nginx:1.27", [])]);

    private readonly string[] _names = [.. Enumerable.Range(0, nodeCount).Select(i => $"edge-node-{i:D6}")];
    private readonly IReadOnlyList<NodeTaskResult> _nodes = [.. Enumerable.Range(0, nodeCount).Select(i => NodeTaskResult.Pending($"edge-node-{i:D6}"))];
    private readonly JobSettings _settings = new(concurrency, TimeSpan.FromMinutes(5), 0, 0.1m, [CheckItems.Disk], ImagePullPolicies.IfNotPresent);
    private readonly JobScheduler _scheduler = new(puller);
    private readonly JobScheduler _nodeUpdatesScheduler = new(puller, new SchedulerOptions { StreamSteps = false });

    public NodePlan GetPlan(string nodeName) => Plan;

    public Task<int> RunSchedulerAsync() => RunSchedulerAsync(_scheduler);

    public Task<int> RunSchedulerNodeUpdatesAsync() => RunSchedulerAsync(_nodeUpdatesScheduler);

    private async Task<int> RunSchedulerAsync(JobScheduler scheduler)
    {
        var run = scheduler.Start(_nodes, this, _settings);
        var updates = 0;
        await foreach (var _ in run.Updates.ReadAllAsync().ConfigureAwait(false))
        {
            updates++;
        }

        var outcome = await run.Completion.ConfigureAwait(false);
        return outcome.Phase == JobPhases.Completed ? updates : throw new InvalidOperationException(outcome.Reason);
    }

    public async Task<int> RunParallelForEachAsync()
    {
        var results = new PullResult?[_names.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency };
        await Parallel.ForEachAsync(Enumerable.Range(0, _names.Length), options, async (i, ct) =>
        {
            results[i] = await RunNodeAsync(_names[i], ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return results.Length;
    }

    public async Task<int> RunSemaphoreAsync()
    {
        var results = new PullResult?[_names.Length];
        using var slots = new SemaphoreSlim(concurrency);
        var tasks = new Task[_names.Length];
        for (var i = 0; i < _names.Length; i++)
        {
            await slots.WaitAsync().ConfigureAwait(false);
            tasks[i] = RunOneAsync(i);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return results.Length;

        async Task RunOneAsync(int i)
        {
            try
            {
                results[i] = await RunNodeAsync(_names[i], CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }
    }

    private async ValueTask<PullResult?> RunNodeAsync(string node, CancellationToken ct)
    {
        var check = await puller.CheckAsync(new CheckRequest(node, _settings.CheckItems, CheckThresholds.Default), ct).ConfigureAwait(false);
        if (!check.Succeeded)
        {
            return null;
        }

        var image = Plan.Images[0];
        return await puller.PullAsync(new PullRequest(node, image.Image, image.ResolvedImage!, image.Credentials, _settings.PullPolicy), ct).ConfigureAwait(false);
    }
}

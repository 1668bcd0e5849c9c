using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.PodApply;
using KubeEdge.PrePull.Runtime.Tests.Controller;
using KubeEdge.PrePull.Testing.Fleet;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.PodApply;

/// <summary>
/// The PodApply puller's API traffic (docs/design.md §3 "PodApply"): one pod list and watch per job run, whatever the
/// number of nodes, and node conditions from the controller's node cache when it has the node.
/// </summary>
public sealed class PodApplyJobWatchTests : IAsyncLifetime
{
    private PodApplyCluster _cluster = null!;

    private static CancellationToken Ct => PodApplyCluster.Ct;

    public async ValueTask InitializeAsync() => _cluster = await PodApplyCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task PullAsync_ThirtyNodes_OnePodListAndWatchForTheJob()
    {
        var nodes = _cluster.Server.Fleet.AddNodes(new NodeFleetOptions { Count = 30 });
        var plan = PodApplyCluster.Plan("nginx:1.27", "busybox:1.36");
        var counter = new RequestCounter();
        using var client = new Kubernetes(_cluster.Server.CreateClientConfiguration(), counter);
        var factory = new PodApplyPullerFactory(client, new PodApplyOptions(), _cluster.Time, _cluster.LoggerFactory);
        var puller = (PodApplyPuller)factory.CreateForJob(PodApplyCluster.Job());

        var results = await Task.WhenAll(nodes.Select(async node =>
        {
            await puller.BeginNodeAsync(node, plan, Ct);
            try
            {
                return await Task.WhenAll(plan.Images.Select(i => puller.PullAsync(PodApplyCluster.Request(node, i), Ct).AsTask()));
            }
            finally
            {
                await puller.EndNodeAsync(node, Ct);
            }
        }));
        var beforeSweep = new Dictionary<string, int>(counter.Counts, StringComparer.Ordinal);
        await puller.DisposeAsync();

        Assert.All(results.SelectMany(r => r), r => Assert.True(r.Succeeded, r.Reason));
        var text = string.Join(", ", beforeSweep.Select(p => p.Key + " " + p.Value));
        Assert.Equal(30, beforeSweep.GetValueOrDefault("POST pods"));
        Assert.Equal(30, beforeSweep.GetValueOrDefault("DELETE pods"));
        Assert.True(beforeSweep.GetValueOrDefault("GET pods") == 1, text);
        Assert.True(beforeSweep.GetValueOrDefault("WATCH pods") == 1, text);
    }

    [Fact]
    public async Task CheckAsync_NodeInCache_ReadsTheCacheNotTheServer()
    {
        var puller = (PodApplyPuller)_cluster.Factory().CreateForJob(PodApplyCluster.Job());
        var cached = new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "cached-only" },
            Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "DiskPressure", Status = "True", Message = "from the cache" }] },
        };
        puller.UseNodeCache(name => name == "cached-only" ? cached : null);

        // The server has no such node: only the cache can answer.
        var result = await puller.CheckAsync(new CheckRequest("cached-only", [CheckItems.Disk, CheckItems.Mem], CheckThresholds.Default), Ct);

        Assert.Equal(CheckResult.Failed("disk: node cached-only reports DiskPressure: from the cache"), result);
    }

    [Fact]
    public async Task CheckAsync_NodeNotInCache_ReadsTheNode()
    {
        var node = _cluster.AddNode();
        var puller = (PodApplyPuller)_cluster.Factory().CreateForJob(PodApplyCluster.Job());
        puller.UseNodeCache(_ => null);

        var passed = await puller.CheckAsync(new CheckRequest(node, [CheckItems.Disk], CheckThresholds.Default), Ct);
        var missing = await puller.CheckAsync(new CheckRequest("ghost", [CheckItems.Disk], CheckThresholds.Default), Ct);

        Assert.True(passed.Succeeded, passed.Reason);
        Assert.Contains("could not read node ghost", missing.Reason, StringComparison.Ordinal);
    }
}

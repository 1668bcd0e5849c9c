using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.ApiServer;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>
/// The checks PodApply can make from the cloud: the kubelet's own verdicts <c>DiskPressure</c> and
/// <c>MemoryPressure</c> on the Node. They follow the kubelet's eviction thresholds, not the job's percentages,
/// which a backend without access to the node cannot measure. CPU has no condition, so it is not supported.
/// The node comes from the controller's node cache when it holds it, else it is read (docs/design.md §3 "PodApply").
/// </summary>
internal static class NodeConditionChecker
{
    /// <summary>The items this checker supports.</summary>
    public static IReadOnlyCollection<string> Supported { get; } = [CheckItems.Disk, CheckItems.Mem];

    /// <summary>Runs the request's items against the node's conditions, from <paramref name="cache"/> when it has the node.</summary>
    public static ValueTask<CheckResult> CheckAsync(IKubernetes client, Func<string, V1Node?>? cache, CheckRequest request, CancellationToken cancellationToken)
    {
        if (request.Items.Count == 0)
        {
            return ValueTask.FromResult(CheckResult.Passed);
        }

        return cache?.Invoke(request.NodeName) is { } cached
            ? ValueTask.FromResult(Check(cached, request))
            : ReadAndCheckAsync(client, request, cancellationToken);
    }

    private static async ValueTask<CheckResult> ReadAndCheckAsync(IKubernetes client, CheckRequest request, CancellationToken cancellationToken)
    {
        V1Node node;
        try
        {
            node = await client.CoreV1.ReadNodeAsync(request.NodeName, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return CheckResult.Failed($"could not read node {request.NodeName} to check {string.Join(", ", request.Items)}: {ApiErrors.Describe(e)}");
        }

        return Check(node, request);
    }

    private static CheckResult Check(V1Node node, CheckRequest request)
    {
        List<string>? problems = null;
        foreach (var item in request.Items)
        {
            var condition = item switch
            {
                CheckItems.Disk => "DiskPressure",
                CheckItems.Mem => "MemoryPressure",
                _ => null,
            };
            if (condition is null)
            {
                (problems ??= []).Add($"{item}: the podapply backend cannot check '{item}' (it supports {string.Join(", ", Supported)})");
                continue;
            }

            var found = FindCondition(node, condition);
            if (string.Equals(found?.Status, "True", StringComparison.OrdinalIgnoreCase))
            {
                var detail = string.IsNullOrEmpty(found!.Message) ? string.Empty : ": " + found.Message;
                (problems ??= []).Add($"{item}: node {request.NodeName} reports {condition}{detail}");
            }
        }

        return problems is null ? CheckResult.Passed : CheckResult.Failed(string.Join("; ", problems));
    }

    private static V1NodeCondition? FindCondition(V1Node node, string type)
    {
        if (node.Status?.Conditions is not { } conditions)
        {
            return null;
        }

        foreach (var condition in conditions)
        {
            if (condition.Type == type)
            {
                return condition;
            }
        }

        return null;
    }
}

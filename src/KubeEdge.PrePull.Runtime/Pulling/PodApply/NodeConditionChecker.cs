using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.ApiServer;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>
/// The checks PodApply can make from the cloud: the kubelet's own verdicts <c>DiskPressure</c> and
/// <c>MemoryPressure</c> on the Node. They follow the kubelet's eviction thresholds, not the job's percentages,
/// which a backend without access to the node cannot measure. CPU has no condition, so it is not supported.
/// </summary>
internal static class NodeConditionChecker
{
    /// <summary>The items this checker supports.</summary>
    public static IReadOnlyCollection<string> Supported { get; } = [CheckItems.Disk, CheckItems.Mem];

    /// <summary>Runs the request's items against the node's conditions.</summary>
    public static async ValueTask<CheckResult> CheckAsync(IKubernetes client, CheckRequest request, CancellationToken cancellationToken)
    {
        if (request.Items.Count == 0)
        {
            return CheckResult.Passed;
        }

        k8s.Models.V1Node node;
        try
        {
            node = await client.CoreV1.ReadNodeAsync(request.NodeName, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return CheckResult.Failed($"could not read node {request.NodeName} to check {string.Join(", ", request.Items)}: {ApiErrors.Describe(e)}");
        }

        var problems = new List<string>();
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
                problems.Add($"{item}: the podapply backend cannot check '{item}' (it supports {string.Join(", ", Supported)})");
                continue;
            }

            var found = node.Status?.Conditions?.FirstOrDefault(c => c.Type == condition);
            if (string.Equals(found?.Status, "True", StringComparison.OrdinalIgnoreCase))
            {
                var detail = string.IsNullOrEmpty(found!.Message) ? string.Empty : ": " + found.Message;
                problems.Add($"{item}: node {request.NodeName} reports {condition}{detail}");
            }
        }

        return problems.Count == 0 ? CheckResult.Passed : CheckResult.Failed(string.Join("; ", problems));
    }
}

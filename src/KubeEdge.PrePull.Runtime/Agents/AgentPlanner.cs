using k8s;
using System.Net;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Runtime.ApiServer;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// Plans one job for this node alone, reading only what that needs: its own Node object (for the override rules)
/// and the secrets its plan names. A first plan without secrets names, as problems, every secret the node's images
/// would use; those are read by name, and the second plan uses them. Secrets are never listed, never kept.
/// </summary>
internal sealed class AgentPlanner(AgentContext context)
{
    /// <summary>The node's plan, and the secrets that were skipped (missing, forbidden, malformed).</summary>
    /// <exception cref="ArgumentException">The job cannot be planned; the message names the field at fault.</exception>
    public async Task<AgentPlan> PlanAsync(ImagePrePullJob job, CancellationToken cancellationToken)
    {
        var node = await context.Client.CoreV1.ReadNodeAsync(context.NodeName, cancellationToken: cancellationToken).ConfigureAwait(false);
        NodeSnapshot[] nodes = [ClusterSnapshots.ToSnapshot(ClusterSnapshots.ToNodeInfo(node))];
        var blind = JobPlanner.Plan(job, nodes, Array.Empty<SecretSnapshot>());
        var secrets = await ReadAsync(blind.SecretProblems.Select(p => p.Secret).Distinct(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        var plan = secrets.Count == 0 ? blind : JobPlanner.Plan(job, nodes, secrets);
        return new AgentPlan(plan, secrets.Count);
    }

    /// <summary>Reads secrets by <c>namespace/name</c>; a missing or forbidden one is left out, as the controller does.</summary>
    private async Task<IReadOnlyList<SecretSnapshot>> ReadAsync(IEnumerable<string> refs, CancellationToken cancellationToken)
    {
        var secrets = new List<SecretSnapshot>();
        foreach (var reference in refs)
        {
            // The planner's problems name normalized references: namespace/name.
            var slash = reference.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                continue;
            }

            try
            {
                var secret = await context.Client.CoreV1.ReadNamespacedSecretAsync(reference[(slash + 1)..], reference[..slash], cancellationToken: cancellationToken).ConfigureAwait(false);
                secrets.Add(ClusterSnapshots.ToSnapshot(secret));
            }
            catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.NotFound) || ApiErrors.Is(e, HttpStatusCode.Forbidden))
            {
                // Skipped; the second plan names it in its problems and the image goes without it.
            }
        }

        return secrets;
    }
}

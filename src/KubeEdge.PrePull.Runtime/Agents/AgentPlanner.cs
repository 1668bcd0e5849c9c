using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.Registries;

namespace KubeEdge.PrePull.Runtime.Agents;

/// <summary>
/// Plans one job for this node alone, reading only what that needs: its own Node object (for the override rules)
/// and the secrets the planner says this node's plan reads, by name. Secrets are never listed, never kept. With
/// <c>pinDigests</c> the plan pulls the digests recorded in the job's status, through the controller's
/// <see cref="PinnedDigests"/>.
/// </summary>
internal sealed class AgentPlanner(AgentContext context)
{
    /// <summary>The node's plan, and the secrets that were skipped (missing, forbidden, malformed).</summary>
    /// <exception cref="ArgumentException">The job cannot be planned; the message names the field at fault.</exception>
    public async Task<AgentPlan> PlanAsync(ImagePrePullJob job, CancellationToken cancellationToken)
    {
        var node = await context.Api.ReadNodeAsync(context.NodeName, cancellationToken).ConfigureAwait(false);
        NodeSnapshot[] nodes = [NodeSnapshot.FromV1(node)];
        // The controller's rule (docs/design.md §2, "Secret grants"): a refused secret is never read, only reported.
        var secrets = await ClusterSecretReader.ReadGrantedAsync(context.Api, JobPlanner.SecretsNeeded(job, nodes), context.SecretGrant, cancellationToken).ConfigureAwait(false);
        // pinDigests: the node pulls the digests the controller recorded when the job started (or when it planned this
        // node later), never the tag; the agent asks no registry (docs/design.md §2 "Pinned digests").
        var pins = job.Spec.ImagePrePullTemplate?.PinDigests == true ? PinnedDigests.Recorded(job.Status?.ImageDigests) : null;
        return new AgentPlan(JobPlanner.Plan(job, nodes, secrets.ToResolver()), secrets.Secrets.Count, pins);
    }
}

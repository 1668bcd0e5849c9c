using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Labels;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Selection;

namespace KubeEdge.PrePull.Cli.Plans;

/// <summary>
/// Does what the controller would do before pulling anything, and stops there: selects the job's nodes, then plans
/// the valid ones with the core's <see cref="JobPlanner"/>. Secrets are asked for by name, once it is known which
/// ones the plan uses, so a cluster is only asked for those; a secret the controller would refuse (docs/design.md §2,
/// "Secret grants") is a secret warning naming the rule, as the controller's <c>SecretNotAllowed</c> event does.
/// </summary>
internal static class DryRun
{
    /// <summary>Plans a (valid) job.</summary>
    /// <param name="job">The job; it must have passed validation.</param>
    /// <param name="nodes">The cluster's nodes.</param>
    /// <param name="getSecrets">The granted secrets of the given references that exist, and the refused ones.</param>
    /// <param name="options">The edge-label rule.</param>
    /// <param name="cancellationToken">Cancels the reading of secrets.</param>
    public static async Task<PlanReport> PlanAsync(
        ImagePrePullJob job,
        IReadOnlyList<NodeInfo> nodes,
        Func<IReadOnlyList<SecretReference>, CancellationToken, Task<GrantedSecrets>> getSecrets,
        NodeSelectionOptions options,
        CancellationToken cancellationToken)
    {
        var template = job.Spec?.ImagePrePullTemplate ?? throw new CliException("spec.imagePrePullTemplate: required");
        Func<IReadOnlyDictionary<string, string>, bool>? matches = template.LabelSelector is { } selector
            ? LabelSelector.FromV1(selector).Matches
            : null;
        var selection = NodeSelector.Select(template, nodes, matches, options);
        var policy = job.Spec!.CompletionPolicy is { } written ? ImagePrePullJobDefaults.Apply(written) : null;
        if (selection.Failed)
        {
            // A Never job that matches no node yet waits for nodes to match, as the controller does.
            var waitsForMatches = policy?.Type == CompletionPolicyTypes.Never && selection.Error == NodeSelectionReasons.NoNodesMatched;
            return PlanReportBuilder.Build(job, waitsForMatches ? selection with { Error = null } : selection, waitsForMatches ? JobPlanner.Plan(job, [], Array.Empty<SecretSnapshot>()) : null, policy);
        }

        var labels = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            labels.TryAdd(node.Name, node.Labels);
        }

        var planned = selection.Nodes.Where(n => n.IsValid).Select(n => new NodeSnapshot(n.Name, labels[n.Name])).ToArray();

        var used = JobPlanner.SecretsNeeded(job, planned);
        var secrets = used.Count == 0 ? new GrantedSecrets([], []) : await getSecrets(used, cancellationToken).ConfigureAwait(false);
        return PlanReportBuilder.Build(job, selection, JobPlanner.Plan(job, planned, secrets.ToResolver()), policy);
    }
}

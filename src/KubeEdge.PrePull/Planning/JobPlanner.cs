using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Overrides;

namespace KubeEdge.PrePull.Planning;

/// <summary>
/// Turns a job, the selected nodes and the secrets into a <see cref="JobPlan"/>. Pure and fast: nodes are grouped
/// by the values of the label keys the override rules read, and each distinct plan is built once.
/// </summary>
public static partial class JobPlanner
{
    internal static JobPlan Plan(
        ImagePrePullJob job,
        IReadOnlyList<NodeSnapshot> nodes,
        Func<string, string?> checkReference,
        Func<string, IReadOnlyList<string>, CredentialChoice> chooseCredentials)
    {
        var builder = CreateBuilder(job, checkReference, chooseCredentials, out var rules);
        var grouper = new LabelGrouper(rules.SelectMany(r => r.Selector.Keys).Distinct(StringComparer.Ordinal).ToArray());
        var groupPlans = new List<NodePlan>();
        var byNode = new Dictionary<string, NodePlan>(nodes.Count, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var group = grouper.GroupOf(node.Labels);
            if (group == groupPlans.Count)
            {
                groupPlans.Add(builder.PlanFor(node.Labels));
            }

            // Selection already de-duplicates names; should one repeat, its first occurrence wins, as there.
            byNode.TryAdd(node.Name, groupPlans[group]);
        }

        return new JobPlan(byNode, [.. builder.Plans]);
    }

    /// <summary>Checks the job's parts planning needs and prepares a builder for its plans.</summary>
    /// <exception cref="ArgumentException">The job has no images, or invalid overriders or secret references.</exception>
    internal static PlanBuilder CreateBuilder(
        ImagePrePullJob job,
        Func<string, string?> checkReference,
        Func<string, IReadOnlyList<string>, CredentialChoice> chooseCredentials,
        out OverrideRule[] rules)
    {
        ArgumentNullException.ThrowIfNull(job);
        var template = job.Spec?.ImagePrePullTemplate
            ?? throw new ArgumentException("spec.imagePrePullTemplate is required (validate the job first)", nameof(job));
        var images = template.Images is { Count: > 0 } list
            ? list.ToArray()
            : throw new ArgumentException("spec.imagePrePullTemplate.images must not be empty (validate the job first)", nameof(job));
        rules = OverrideRule.CompileAll(job.Spec.ImagePrePullOverriders);
        return new PlanBuilder(images, JobSecrets(template), rules, checkReference, chooseCredentials);
    }

    /// <summary><c>imageSecrets</c> then <c>pullSecrets</c>, as <c>ns/name</c>, first occurrence kept.</summary>
    private static string[] JobSecrets(ImagePrePullTemplate template)
    {
        var refs = new List<string>();
        var all = new List<(string Field, string? Value)>();
        if (!string.IsNullOrEmpty(template.ImageSecrets))
        {
            all.Add(("spec.imagePrePullTemplate.imageSecrets", template.ImageSecrets));
        }

        for (var i = 0; i < (template.PullSecrets?.Count ?? 0); i++)
        {
            all.Add(($"spec.imagePrePullTemplate.pullSecrets[{i}]", template.PullSecrets![i]));
        }

        foreach (var (field, value) in all)
        {
            if (!SecretRefs.TrySplit(value, out var ns, out var name))
            {
                throw new ArgumentException($"{field}: \"{value}\" is not a secret reference (namespace/name) (validate the job first)", nameof(template));
            }

            var normalized = (ns ?? SecretRefs.DefaultNamespace) + "/" + name;
            if (!refs.Contains(normalized, StringComparer.Ordinal))
            {
                refs.Add(normalized);
            }
        }

        return [.. refs];
    }
}

using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Images;
using KubeEdge.PrePull.Overrides;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Planning;

/// <summary>
/// Turns a job, the selected nodes and the secrets into a <see cref="JobPlan"/>. Pure and fast: nodes are grouped
/// by the values of the label keys the override rules read, and each distinct plan is built once.
/// </summary>
public static class JobPlanner
{
    /// <summary>Plans a job for the selected nodes.</summary>
    /// <param name="job">The job; it should have passed validation (planning refuses what it cannot act on).</param>
    /// <param name="nodes">The selected nodes. A repeated name keeps its first occurrence.</param>
    /// <param name="credentials">The job's secrets, parsed once (<see cref="CredentialResolver.Create(IEnumerable{SecretSnapshot})"/>).</param>
    /// <returns>The plan: per node the images to pull after overrides, each with its credentials or an error.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The job has no images, or an override rule or secret reference planning cannot act on; the message names
    /// every field at fault.
    /// </exception>
    public static JobPlan Plan(ImagePrePullJob job, IReadOnlyList<NodeSnapshot> nodes, CredentialResolver credentials)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(credentials);
        return Plan(job, nodes, CheckReference, (image, refs) => Choose(credentials, image, refs), credentials.GetProblems);
    }

    /// <summary>Plans a job for the selected nodes with the given secrets.</summary>
    /// <param name="job">The job; it should have passed validation.</param>
    /// <param name="nodes">The selected nodes.</param>
    /// <param name="secrets">The secrets the job may use (others are ignored).</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The job cannot be planned; the message names every field at fault.</exception>
    public static JobPlan Plan(ImagePrePullJob job, IReadOnlyList<NodeSnapshot> nodes, IEnumerable<SecretSnapshot> secrets) =>
        Plan(job, nodes, CredentialResolver.Create(secrets));

    /// <summary>
    /// The secrets the plan of these nodes would read: the job's <c>imageSecrets</c> and <c>pullSecrets</c> after the
    /// secret overriders of the rules that select each node. Read exactly these, then <see cref="Plan(ImagePrePullJob,
    /// IReadOnlyList{NodeSnapshot}, IEnumerable{SecretSnapshot})"/>: one question instead of planning twice.
    /// </summary>
    /// <param name="job">The job; it should have passed validation.</param>
    /// <param name="nodes">The selected nodes.</param>
    /// <returns>Each secret once, in order of first use; empty when no node would use a secret.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The job cannot be planned; the message names every field at fault.</exception>
    public static IReadOnlyList<SecretReference> SecretsNeeded(ImagePrePullJob job, IReadOnlyList<NodeSnapshot> nodes)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(nodes);
        var builder = CreateBuilder(job, CheckReference, (_, _) => new CredentialChoice([], null), out var rules);
        var grouper = GrouperFor(rules);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var needed = new List<SecretReference>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var labels = LabelsOf(nodes, i);
            var groups = grouper.Count;
            if (grouper.GroupOf(labels) != groups)
            {
                continue; // a group already seen reads the same secrets
            }

            foreach (var secrets in builder.SecretListsOf(builder.Match(labels)))
            {
                foreach (var secret in secrets)
                {
                    if (seen.Add(secret))
                    {
                        needed.Add(new SecretReference(SecretReference.NamespaceOf(secret), SecretReference.NameOf(secret)));
                    }
                }
            }
        }

        return needed;
    }

    /// <summary>Why a string is not a valid image reference (upstream's text), or <see langword="null"/>.</summary>
    internal static string? CheckReference(string reference) =>
        ImageReference.TryParse(reference, out _, out var error) ? null : error;

    internal static CredentialChoice Choose(CredentialResolver credentials, string image, IReadOnlyList<string> refs)
    {
        var resolution = credentials.Resolve(image, refs);
        var warning = resolution.Problems.Count == 0 ? null : string.Join("; ", resolution.Problems);
        return new CredentialChoice(resolution.Credentials, warning);
    }

    internal static JobPlan Plan(
        ImagePrePullJob job,
        IReadOnlyList<NodeSnapshot> nodes,
        Func<string, string?> checkReference,
        Func<string, IReadOnlyList<string>, CredentialChoice> chooseCredentials,
        Func<IReadOnlyList<string>, IReadOnlyList<SecretProblem>> secretProblems)
    {
        var builder = CreateBuilder(job, checkReference, chooseCredentials, out var rules);
        var grouper = GrouperFor(rules);
        var groupPlans = new List<NodePlan>();
        var byNode = new Dictionary<string, NodePlan>(nodes.Count, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            var labels = LabelsOf(nodes, i);
            var group = grouper.GroupOf(labels);
            if (group == groupPlans.Count)
            {
                groupPlans.Add(builder.PlanFor(labels));
            }

            // Selection already de-duplicates names; should one repeat, its first occurrence wins, as there.
            byNode.TryAdd(nodes[i].Name, groupPlans[group]);
        }

        return new JobPlan(byNode, [.. builder.Plans], secretProblems(builder.SecretsUsed));
    }

    /// <summary>Groups nodes by the values of the label keys the rules read.</summary>
    private static LabelGrouper GrouperFor(OverrideRule[] rules) =>
        new(rules.SelectMany(r => r.Selector.Keys).Distinct(StringComparer.Ordinal).ToArray());

    /// <exception cref="ArgumentException">The node is <see langword="null"/> or has no name or labels.</exception>
    private static IReadOnlyDictionary<string, string> LabelsOf(IReadOnlyList<NodeSnapshot> nodes, int index)
    {
        var node = nodes[index];
        return node?.Name is not null && node.Labels is not null
            ? node.Labels
            : throw new ArgumentException($"nodes[{index}] must have a name and labels", nameof(nodes));
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
            ? DistinctImages(list)
            : throw new ArgumentException("spec.imagePrePullTemplate.images must not be empty (validate the job first)", nameof(job));
        rules = OverrideRule.CompileAll(job.Spec.ImagePrePullOverriders);
        return new PlanBuilder(images, JobSecrets(template), rules, checkReference, chooseCredentials);
    }

    /// <summary>
    /// The spec's images without those whose normalized reference repeats an earlier one (<c>nginx:1.27</c> and
    /// <c>docker.io/library/nginx:1.27</c>): each is pulled once, under its first spelling (docs/design.md §2
    /// "Validation" reports the others as warnings).
    /// </summary>
    internal static string[] DistinctImages(IList<string> images)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var distinct = new List<string>(images.Count);
        foreach (var image in images)
        {
            if (seen.Add(ImagePrefix.Normalize(image) ?? "\n" + image))
            {
                distinct.Add(image);
            }
        }

        return [.. distinct];
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
            if (!SecretReference.TrySplit(value, out var ns, out var name))
            {
                throw new ArgumentException($"{field}: \"{value}\" is not a secret reference (namespace/name) (validate the job first)", nameof(template));
            }

            var normalized = SecretReference.Format(ns ?? SecretReference.DefaultNamespace, name);
            if (!refs.Contains(normalized, StringComparer.Ordinal))
            {
                refs.Add(normalized);
            }
        }

        return [.. refs];
    }
}

using System.Text;
using KubeEdge.PrePull.Overrides;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Planning;

/// <summary>
/// Builds the plan for a set of matching rules: every image rewritten by the rules' image overriders, the secret
/// set edited by their secret overriders, and the credentials chosen for each resolved image. Plans are memoized
/// by the matching rules and credential choices by (image, secret set), so each distinct plan is built once.
/// </summary>
internal sealed class PlanBuilder
{
    private readonly IReadOnlyList<string> _images;
    private readonly IReadOnlyList<string> _jobSecrets;
    private readonly IReadOnlyList<OverrideRule> _rules;
    private readonly Func<string, string?> _checkReference;
    private readonly Func<string, IReadOnlyList<string>, CredentialChoice> _chooseCredentials;
    private readonly Dictionary<string, NodePlan> _plansByRules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CredentialChoice> _choices = new(StringComparer.Ordinal);
    private readonly List<string> _secretsUsed = [];

    /// <param name="images">The job's images, in spec order.</param>
    /// <param name="jobSecrets">The job's secret references (<c>ns/name</c>, deduplicated, in order).</param>
    /// <param name="rules">The override rules, in list order.</param>
    /// <param name="checkReference">Why a string is not a valid image reference, or <see langword="null"/>.</param>
    /// <param name="chooseCredentials">The credentials to try for an image with a set of secret references.</param>
    public PlanBuilder(
        IReadOnlyList<string> images,
        IReadOnlyList<string> jobSecrets,
        IReadOnlyList<OverrideRule> rules,
        Func<string, string?> checkReference,
        Func<string, IReadOnlyList<string>, CredentialChoice> chooseCredentials)
    {
        _images = images;
        _jobSecrets = jobSecrets;
        _rules = rules;
        _checkReference = checkReference;
        _chooseCredentials = chooseCredentials;
    }

    /// <summary>The distinct plans built so far, in order of first use.</summary>
    public IReadOnlyCollection<NodePlan> Plans => _plansByRules.Values;

    /// <summary>Every secret reference some built plan uses, each once, in order of first use.</summary>
    public IReadOnlyList<string> SecretsUsed => _secretsUsed;

    /// <summary>The plan of a node with these labels (shared with every node that the same rules select).</summary>
    public NodePlan PlanFor(IReadOnlyDictionary<string, string> labels)
    {
        var matched = Match(labels);
        var key = new StringBuilder();
        foreach (var rule in matched)
        {
            key.Append(rule.Index).Append(',');
        }

        var ruleKey = key.ToString();
        if (!_plansByRules.TryGetValue(ruleKey, out var plan))
        {
            plan = Build(matched);
            _plansByRules.Add(ruleKey, plan);
        }

        return plan;
    }

    /// <summary>The rules whose selector selects a node with these labels, in list order.</summary>
    public List<OverrideRule> Match(IReadOnlyDictionary<string, string> labels)
    {
        var matched = new List<OverrideRule>();
        foreach (var rule in _rules)
        {
            if (rule.Selector.Matches(labels))
            {
                matched.Add(rule);
            }
        }

        return matched;
    }

    /// <summary>
    /// The job's secret references (<c>ns/name</c>) after the secret overriders of the matched rules, in order:
    /// what a plan with those rules reads, and all that <see cref="JobPlanner.SecretsNeeded"/> computes.
    /// </summary>
    public List<string> SecretsOf(IReadOnlyList<OverrideRule> matched)
    {
        var secrets = _jobSecrets.ToList();
        foreach (var rule in matched)
        {
            foreach (var overrider in rule.SecretOverrides)
            {
                overrider.Apply(secrets);
            }
        }

        return secrets;
    }

    /// <summary>Builds a plan from scratch, without memoizing it (the benchmark's per-node baseline uses this).</summary>
    public NodePlan Build(IReadOnlyList<OverrideRule> matched)
    {
        var secrets = SecretsOf(matched);
        foreach (var secret in secrets)
        {
            if (!_secretsUsed.Contains(secret, StringComparer.Ordinal))
            {
                _secretsUsed.Add(secret);
            }
        }

        var images = new ImagePlan[_images.Count];
        for (var i = 0; i < images.Length; i++)
        {
            images[i] = PlanImage(_images[i], matched, secrets);
        }

        return new NodePlan(images);
    }

    private ImagePlan PlanImage(string image, IReadOnlyList<OverrideRule> matched, IReadOnlyList<string> secrets)
    {
        var problem = _checkReference(image);
        if (problem is not null)
        {
            return new ImagePlan(image, null, [], $"invalid image reference \"{image}\": {problem}");
        }

        var resolved = ImageRewriter.Rewrite(image, matched, _checkReference, out var error);
        if (resolved is null)
        {
            return new ImagePlan(image, null, [], error);
        }

        var choiceKey = resolved + "\n" + string.Join('\n', secrets);
        if (!_choices.TryGetValue(choiceKey, out var choice))
        {
            choice = _chooseCredentials(resolved, secrets);
            _choices.Add(choiceKey, choice);
        }

        return new ImagePlan(image, resolved, choice.Credentials) { CredentialWarning = choice.Warning };
    }
}

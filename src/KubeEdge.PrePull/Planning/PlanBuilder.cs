using System.Text;
using KubeEdge.PrePull.Overrides;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Planning;

/// <summary>
/// Builds the plan for a set of matching rules: every image rewritten by the image overriders of the rules that touch
/// it (their <c>imagePrefixes</c>), its secret set edited by their secret overriders, the credentials chosen for each
/// resolved image, and the fallback of the rules that allow one. Plans are memoized
/// by the matching rules and credential choices by (image, secret set), so each distinct plan is built once.
/// </summary>
internal sealed class PlanBuilder
{
    private readonly IReadOnlyList<string> _images;
    private readonly string?[] _normalized;
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
        _normalized = images.Select(ImagePrefix.Normalize).ToArray();
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
        var ruleKey = KeyOf(matched);
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
    /// The job's secret references (<c>ns/name</c>) after the secret overriders of <paramref name="rules"/>, in
    /// order: what an image those rules touch is pulled with (docs/design.md §2 "Overrides").
    /// </summary>
    public List<string> SecretsOf(IReadOnlyList<OverrideRule> rules)
    {
        var secrets = _jobSecrets.ToList();
        foreach (var rule in rules)
        {
            foreach (var overrider in rule.SecretOverrides)
            {
                overrider.Apply(secrets);
            }
        }

        return secrets;
    }

    /// <summary>
    /// Every secret list a plan with the matched rules reads: one per distinct image scope, plus those of the
    /// fallbacks. All that <see cref="JobPlanner.SecretsNeeded"/> computes.
    /// </summary>
    public IEnumerable<List<string>> SecretListsOf(IReadOnlyList<OverrideRule> matched)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _images.Count; i++)
        {
            var scope = ScopeOf(i, matched);
            if (seen.Add(KeyOf(scope)))
            {
                yield return SecretsOf(scope);
            }

            if (scope.Any(static r => r.FallbackToOriginal))
            {
                var kept = WithoutFallbackRules(scope);
                if (seen.Add(KeyOf(kept)))
                {
                    yield return SecretsOf(kept);
                }
            }
        }
    }

    /// <summary>Builds a plan from scratch, without memoizing it (the benchmark's per-node baseline uses this).</summary>
    public NodePlan Build(IReadOnlyList<OverrideRule> matched)
    {
        var secretsByScope = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var images = new ImagePlan[_images.Count];
        for (var i = 0; i < images.Length; i++)
        {
            images[i] = PlanImage(i, matched, secretsByScope);
        }

        return new NodePlan(images);
    }

    /// <summary>The matched rules that touch image <paramref name="index"/> (its scope), in list order.</summary>
    private List<OverrideRule> ScopeOf(int index, IReadOnlyList<OverrideRule> matched)
    {
        var scope = new List<OverrideRule>(matched.Count);
        foreach (var rule in matched)
        {
            if (rule.Covers(_normalized[index]))
            {
                scope.Add(rule);
            }
        }

        return scope;
    }

    private static List<OverrideRule> WithoutFallbackRules(List<OverrideRule> scope) =>
        scope.Where(static r => !r.FallbackToOriginal).ToList();

    private static string KeyOf(IReadOnlyList<OverrideRule> rules)
    {
        var key = new StringBuilder();
        foreach (var rule in rules)
        {
            key.Append(rule.Index).Append(',');
        }

        return key.ToString();
    }

    private ImagePlan PlanImage(int index, IReadOnlyList<OverrideRule> matched, Dictionary<string, List<string>> secretsByScope)
    {
        var image = _images[index];
        var problem = _checkReference(image);
        if (problem is not null)
        {
            return new ImagePlan(image, null, [], $"invalid image reference \"{image}\": {problem}");
        }

        // docs/design.md §2 "Overrides": each rule applies to the images its prefixes cover, image and secret
        // overriders alike.
        var scope = ScopeOf(index, matched);
        var resolved = ImageRewriter.Rewrite(image, scope, _checkReference, out var error);
        if (resolved is null)
        {
            return new ImagePlan(image, null, [], error);
        }

        var choice = ChooseFor(resolved, SecretsFor(scope, secretsByScope));
        var plan = new ImagePlan(image, resolved, choice.Credentials) { CredentialWarning = choice.Warning };
        if (!scope.Any(static r => r.FallbackToOriginal))
        {
            return plan;
        }

        // The fallback is the image as it would be without the rules that allow one: the original reference with
        // the template's secrets, unless a rule without fallbackToOriginal touches the image too.
        var kept = WithoutFallbackRules(scope);
        var fallback = ImageRewriter.Rewrite(image, kept, _checkReference, out _);
        if (fallback is null || string.Equals(fallback, resolved, StringComparison.Ordinal))
        {
            return plan;
        }

        var fallbackChoice = ChooseFor(fallback, SecretsFor(kept, secretsByScope));
        return plan with { FallbackImage = fallback, FallbackCredentials = fallbackChoice.Credentials };
    }

    private List<string> SecretsFor(List<OverrideRule> rules, Dictionary<string, List<string>> secretsByScope)
    {
        var key = KeyOf(rules);
        if (!secretsByScope.TryGetValue(key, out var secrets))
        {
            secrets = SecretsOf(rules);
            secretsByScope.Add(key, secrets);
            foreach (var secret in secrets)
            {
                if (!_secretsUsed.Contains(secret, StringComparer.Ordinal))
                {
                    _secretsUsed.Add(secret);
                }
            }
        }

        return secrets;
    }

    private CredentialChoice ChooseFor(string resolved, IReadOnlyList<string> secrets)
    {
        var choiceKey = resolved + "\n" + string.Join('\n', secrets);
        if (!_choices.TryGetValue(choiceKey, out var choice))
        {
            choice = _chooseCredentials(resolved, secrets);
            _choices.Add(choiceKey, choice);
        }

        return choice;
    }
}

using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Labels;

namespace KubeEdge.PrePull.Overrides;

/// <summary>One checked entry of <c>spec.imagePrePullOverriders</c>.</summary>
/// <param name="Index">Its position in the list, used to name it in reasons.</param>
/// <param name="Selector">The nodes it applies to (<c>nodeLabel</c>; absent or empty selects every node).</param>
/// <param name="ImageOverrides">Its image overriders, in order.</param>
/// <param name="SecretOverrides">Its secret overriders, in order.</param>
internal sealed record OverrideRule(int Index, LabelSelector Selector, IReadOnlyList<ImageOverride> ImageOverrides, IReadOnlyList<SecretOverride> SecretOverrides)
{
    public const string FieldPath = "spec.imagePrePullOverriders";

    /// <summary>The rule's <c>imagePrefixes</c>; empty: it touches every image (docs/design.md §2 "Overrides").</summary>
    public IReadOnlyList<string> ImagePrefixes { get; init; } = [];

    /// <summary>Its <c>fallbackToOriginal</c>: the images it touches may be pulled as the rule had not applied.</summary>
    public bool FallbackToOriginal { get; init; }

    /// <summary>How reasons name the rule, e.g. <c>imagePrePullOverriders[1]</c>.</summary>
    public string Name => $"imagePrePullOverriders[{Index}]";

    /// <summary>Whether the rule touches an image with this normalized original reference (<see langword="null"/>: invalid).</summary>
    public bool Covers(string? normalizedOriginal) => ImagePrefix.Covers(ImagePrefixes, normalizedOriginal);

    /// <summary>
    /// Checks every rule. The validator reports problems to users first; this only refuses a job it cannot act on,
    /// so it throws with every problem and its field.
    /// </summary>
    /// <exception cref="ArgumentException">A rule has an invalid selector, prefix, component, operator or secret value.</exception>
    public static OverrideRule[] CompileAll(IList<ImagePrePullOverrider>? overriders)
    {
        if (overriders is null || overriders.Count == 0)
        {
            return [];
        }

        var problems = new List<string>();
        var rules = new OverrideRule[overriders.Count];
        for (var i = 0; i < overriders.Count; i++)
        {
            rules[i] = Compile(i, overriders[i], problems);
        }

        return problems.Count == 0
            ? rules
            : throw new ArgumentException("the job's overriders are invalid (validate the job first): " + string.Join("; ", problems), nameof(overriders));
    }

    private static OverrideRule Compile(int index, ImagePrePullOverrider? rule, List<string> problems)
    {
        var path = $"{FieldPath}[{index}]";
        var selector = LabelSelector.Everything;
        if (!string.IsNullOrWhiteSpace(rule?.NodeLabel) && !LabelSelector.TryParse(rule.NodeLabel, out selector, out var error))
        {
            problems.Add($"{path}.nodeLabel: {error}");
            selector = LabelSelector.Everything;
        }

        var images = new List<ImageOverride>();
        var imageOverriders = rule?.Overriders?.ImageOverriders ?? [];
        for (var j = 0; j < imageOverriders.Count; j++)
        {
            var o = imageOverriders[j];
            var at = $"{path}.overriders.imageOverriders[{j}]";
            ImageComponent? component = o?.Component switch
            {
                ImageComponents.Registry => ImageComponent.Registry,
                ImageComponents.Repository => ImageComponent.Repository,
                ImageComponents.Tag => ImageComponent.Tag,
                _ => null,
            };
            var operation = ParseOperation(o?.Operator, at, problems);
            if (component is null)
            {
                problems.Add($"{at}.component: \"{o?.Component}\" is not one of Registry, Repository, Tag");
            }
            else if (operation is not null)
            {
                images.Add(new ImageOverride(component.Value, operation.Value, o!.Value ?? string.Empty));
            }
        }

        var secrets = new List<SecretOverride>();
        var secretOverriders = rule?.Overriders?.SecretOverriders ?? [];
        for (var j = 0; j < secretOverriders.Count; j++)
        {
            var o = secretOverriders[j];
            var at = $"{path}.overriders.secretOverriders[{j}]";
            if (o?.Component != SecretComponents.SecretName)
            {
                problems.Add($"{at}.component: \"{o?.Component}\" is not SecretName");
            }

            var operation = ParseOperation(o?.Operator, at, problems);
            if (!SecretReference.TrySplit(o?.Value, out var ns, out var name))
            {
                problems.Add($"{at}.value: \"{o?.Value}\" is not a secret name or namespace/name");
            }
            else if (operation is not null && o?.Component == SecretComponents.SecretName)
            {
                secrets.Add(new SecretOverride(operation.Value, ns, name));
            }
        }

        var prefixes = new List<string>();
        var imagePrefixes = rule?.ImagePrefixes ?? [];
        for (var j = 0; j < imagePrefixes.Count; j++)
        {
            if (ImagePrefix.Problem(imagePrefixes[j]) is { } problem)
            {
                problems.Add($"{path}.imagePrefixes[{j}]: \"{imagePrefixes[j]}\": {problem}");
            }
            else
            {
                prefixes.Add(imagePrefixes[j]);
            }
        }

        return new OverrideRule(index, selector!, images, secrets)
        {
            ImagePrefixes = prefixes,
            FallbackToOriginal = rule?.FallbackToOriginal == true,
        };
    }

    private static OverrideOperation? ParseOperation(string? value, string at, List<string> problems)
    {
        switch (value)
        {
            case OverriderOperators.Add:
                return OverrideOperation.Add;
            case OverriderOperators.Remove:
                return OverrideOperation.Remove;
            case OverriderOperators.Replace:
                return OverrideOperation.Replace;
            default:
                problems.Add($"{at}.operator: \"{value}\" is not one of add, remove, replace");
                return null;
        }
    }
}

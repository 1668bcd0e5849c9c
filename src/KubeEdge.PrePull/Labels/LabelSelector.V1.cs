using k8s.Models;
using KubeEdge.PrePull.Names;

namespace KubeEdge.PrePull.Labels;

/// <content>Conversion from the Kubernetes object form (<c>matchLabels</c> + <c>matchExpressions</c>).</content>
public sealed partial class LabelSelector
{
    /// <summary>
    /// Converts a <see cref="V1LabelSelector"/>: every <c>matchLabels</c> entry is an equality, every
    /// <c>matchExpressions</c> entry is <c>In</c>, <c>NotIn</c>, <c>Exists</c> or <c>DoesNotExist</c>. An empty
    /// selector selects everything, as in Kubernetes.
    /// </summary>
    /// <param name="v1">The selector object.</param>
    /// <param name="selector">The selector, when the object is valid.</param>
    /// <param name="errors">
    /// Every problem, each starting with the field at fault relative to the selector, e.g.
    /// <c>matchExpressions[1].operator: "Equals" is not a valid operator; expected In, NotIn, Exists or DoesNotExist</c>.
    /// </param>
    /// <returns>Whether the object is a valid selector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="v1"/> is <see langword="null"/>.</exception>
    public static bool TryFromV1(V1LabelSelector v1, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LabelSelector? selector, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var problems = new List<string>();
        var requirements = new List<LabelRequirement>();
        if (v1.MatchLabels is not null)
        {
            foreach (var (key, value) in v1.MatchLabels)
            {
                var problem = LabelSyntax.CheckKey(key ?? string.Empty) ?? LabelSyntax.CheckValue(value ?? string.Empty);
                if (problem is not null)
                {
                    problems.Add($"matchLabels[\"{key}\"]: {problem}");
                    continue;
                }

                requirements.Add(new LabelRequirement(key!, LabelOperator.In, [value ?? string.Empty], "="));
            }
        }

        if (v1.MatchExpressions is not null)
        {
            for (var i = 0; i < v1.MatchExpressions.Count; i++)
            {
                var requirement = FromExpression(v1.MatchExpressions[i], $"matchExpressions[{i}]", problems);
                if (requirement is not null)
                {
                    requirements.Add(requirement);
                }
            }
        }

        errors = problems;
        selector = problems.Count > 0 ? null : requirements.Count == 0 ? Everything : new LabelSelector([.. requirements]);
        return selector is not null;
    }

    /// <summary>Converts a <see cref="V1LabelSelector"/>, throwing when it is invalid.</summary>
    /// <param name="v1">The selector object.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="v1"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The object is invalid; the message lists every problem.</exception>
    public static LabelSelector FromV1(V1LabelSelector v1) =>
        TryFromV1(v1, out var selector, out var errors) ? selector : throw new ArgumentException("invalid label selector: " + string.Join("; ", errors), nameof(v1));

    private static LabelRequirement? FromExpression(V1LabelSelectorRequirement? expression, string path, List<string> problems)
    {
        if (expression is null)
        {
            problems.Add($"{path}: must not be null");
            return null;
        }

        var start = problems.Count;
        var key = expression.Key ?? string.Empty;
        var keyProblem = LabelSyntax.CheckKey(key);
        if (keyProblem is not null)
        {
            problems.Add($"{path}.key: {keyProblem}");
        }

        var values = expression.Values ?? [];
        LabelOperator? op = expression.OperatorProperty switch
        {
            "In" => LabelOperator.In,
            "NotIn" => LabelOperator.NotIn,
            "Exists" => LabelOperator.Exists,
            "DoesNotExist" => LabelOperator.DoesNotExist,
            _ => null,
        };
        if (op is null)
        {
            problems.Add($"{path}.operator: \"{expression.OperatorProperty}\" is not a valid operator; expected In, NotIn, Exists or DoesNotExist");
        }
        else if (op is LabelOperator.In or LabelOperator.NotIn && values.Count == 0)
        {
            problems.Add($"{path}.values: must be specified when operator is {expression.OperatorProperty}");
        }
        else if (op is LabelOperator.Exists or LabelOperator.DoesNotExist && values.Count > 0)
        {
            problems.Add($"{path}.values: may not be specified when operator is {expression.OperatorProperty}");
        }

        for (var i = 0; i < values.Count; i++)
        {
            var valueProblem = LabelSyntax.CheckValue(values[i] ?? string.Empty);
            if (valueProblem is not null)
            {
                problems.Add($"{path}.values[{i}]: {valueProblem}");
            }
        }

        if (problems.Count > start)
        {
            return null;
        }

        var spelling = op == LabelOperator.In ? "in" : op == LabelOperator.NotIn ? "notin" : string.Empty;
        return new LabelRequirement(key, op!.Value, [.. values], spelling);
    }
}

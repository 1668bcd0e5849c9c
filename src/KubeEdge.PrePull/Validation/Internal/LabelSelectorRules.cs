using k8s.Models;

namespace KubeEdge.PrePull.Validation.Internal;

/// <summary>Label selectors: the string form of <c>nodeLabel</c> and the structured <c>labelSelector</c>.</summary>
internal static class LabelSelectorRules
{
    private static readonly string[] Operators = ["In", "NotIn", "Exists", "DoesNotExist"];

    /// <summary>Why the selector string is invalid, or null when it is valid.</summary>
    public static string? StringError(string selector)
    {
        if (selector.Trim().Length == 0)
        {
            return "the selector is empty";
        }

        var depth = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth is < 0 or > 1)
            {
                return $"unbalanced parentheses at position {i}";
            }
        }

        return depth == 0 ? null : "unbalanced parentheses";
    }

    /// <summary>The problems of a structured selector, as (relative path, message) pairs.</summary>
    public static IEnumerable<(string Path, string Message)> Errors(V1LabelSelector selector)
    {
        var index = 0;
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var path = $"matchExpressions[{index++}]";
            if (string.IsNullOrEmpty(expression.Key))
            {
                yield return ($"{path}.key", "Required value");
            }

            if (!Operators.Contains(expression.OperatorProperty))
            {
                yield return ($"{path}.operator", $"Unsupported value: \"{expression.OperatorProperty}\": supported values: \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\"");
            }
            else if (expression.OperatorProperty is "In" or "NotIn" && (expression.Values is null || expression.Values.Count == 0))
            {
                yield return ($"{path}.values", $"Required value: must be specified when `operator` is '{expression.OperatorProperty}'");
            }
            else if (expression.OperatorProperty is "Exists" or "DoesNotExist" && expression.Values is { Count: > 0 })
            {
                yield return ($"{path}.values", $"Forbidden: may not be specified when `operator` is '{expression.OperatorProperty}'");
            }
        }
    }
}

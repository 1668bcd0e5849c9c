using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Storage;

namespace KubeEdge.PrePull.Testing.Selectors;

/// <summary>A parsed label selector in the full string syntax kube-apiserver accepts.</summary>
internal sealed class LabelSelector
{
    private readonly IReadOnlyList<LabelRequirement> _requirements;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => _requirements = requirements;

    /// <summary>Whether it selects everything.</summary>
    public bool IsEmpty => _requirements.Count == 0;

    /// <summary>The requirements (all must hold).</summary>
    public IReadOnlyList<LabelRequirement> Requirements => _requirements;

    /// <summary>Parses a selector such as <c>env=prod,region in (eu,us),!legacy</c>.</summary>
    /// <param name="text">The selector; empty selects everything.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ApiException">400 naming the part that cannot be parsed.</exception>
    public static LabelSelector Parse(string? text)
    {
        var requirements = new List<LabelRequirement>();
        foreach (var part in SplitTopLevel(text ?? string.Empty))
        {
            requirements.Add(ParseRequirement(part));
        }

        return new LabelSelector(requirements);
    }

    /// <summary>Whether an object's labels match.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>Whether every requirement holds.</returns>
    public bool Matches(JsonObject obj)
    {
        var labels = obj["metadata"]?["labels"] as JsonObject;
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] == ',' && depth == 0))
            {
                var part = text[start..i].Trim();
                if (part.Length > 0)
                {
                    yield return part;
                }

                start = i + 1;
            }
            else if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')')
            {
                depth--;
            }
        }
    }

    private static LabelRequirement ParseRequirement(string part)
    {
        if (part.StartsWith('!'))
        {
            return new LabelRequirement(CheckKey(part[1..].Trim(), part), SelectorOperator.DoesNotExist, []);
        }

        foreach (var (token, op) in (ReadOnlySpan<(string, SelectorOperator)>)[("==", SelectorOperator.Equals), ("!=", SelectorOperator.NotEquals), ("=", SelectorOperator.Equals), (">", SelectorOperator.GreaterThan), ("<", SelectorOperator.LessThan)])
        {
            var at = part.IndexOf(token, StringComparison.Ordinal);
            if (at > 0)
            {
                var value = part[(at + token.Length)..].Trim();
                if (op is SelectorOperator.GreaterThan or SelectorOperator.LessThan && !long.TryParse(value, out _))
                {
                    throw ApiException.BadRequest($"unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer: \"{part}\"");
                }

                return new LabelRequirement(CheckKey(part[..at].Trim(), part), op, [value]);
            }
        }

        var space = part.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0)
        {
            var key = part[..space];
            var rest = part[space..].TrimStart();
            var op = rest.StartsWith("notin", StringComparison.Ordinal) ? SelectorOperator.NotIn
                : rest.StartsWith("in", StringComparison.Ordinal) ? SelectorOperator.In
                : throw ApiException.BadRequest($"unable to parse requirement: found '{rest}', expected: in, notin, =, ==, !=, gt, lt");
            rest = rest[(op == SelectorOperator.In ? 2 : 5)..].Trim();
            if (!rest.StartsWith('(') || !rest.EndsWith(')'))
            {
                throw ApiException.BadRequest($"unable to parse requirement: expected a parenthesized value list in \"{part}\"");
            }

            var values = rest[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return new LabelRequirement(CheckKey(key, part), op, values);
        }

        return new LabelRequirement(CheckKey(part, part), SelectorOperator.Exists, []);
    }

    private static string CheckKey(string key, string part)
    {
        if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
        {
            throw ApiException.BadRequest($"unable to parse requirement: invalid label key \"{key}\" in \"{part}\"");
        }

        return key;
    }
}

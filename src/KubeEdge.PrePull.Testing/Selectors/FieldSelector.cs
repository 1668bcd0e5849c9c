using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Resources;
using KubeEdge.PrePull.Testing.Storage;

namespace KubeEdge.PrePull.Testing.Selectors;

/// <summary>A parsed field selector (<c>=</c>, <c>==</c>, <c>!=</c>), limited to the fields the resource supports.</summary>
internal sealed class FieldSelector
{
    private readonly IReadOnlyList<(string[] Path, bool Equal, string Value)> _terms;

    private FieldSelector(IReadOnlyList<(string[] Path, bool Equal, string Value)> terms) => _terms = terms;

    /// <summary>Whether it selects everything.</summary>
    public bool IsEmpty => _terms.Count == 0;

    /// <summary>Parses a selector such as <c>spec.nodeName=edge-1,metadata.namespace!=kube-system</c>.</summary>
    /// <param name="text">The selector; empty selects everything.</param>
    /// <param name="type">The resource, whose selectable fields are checked like kube-apiserver does.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ApiException">400 for syntax errors or unsupported fields.</exception>
    public static FieldSelector Parse(string? text, ResourceType type)
    {
        var terms = new List<(string[], bool, string)>();
        foreach (var raw in (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var notEqual = raw.IndexOf("!=", StringComparison.Ordinal);
            var equal = raw.IndexOf('=', StringComparison.Ordinal);
            if (equal <= 0)
            {
                throw ApiException.BadRequest($"invalid field selector \"{raw}\": expected field=value, field==value or field!=value");
            }

            var at = notEqual > 0 ? notEqual : equal;
            var field = raw[..at].Trim();
            var value = raw[(at + (notEqual > 0 || raw[(at + 1)..].StartsWith('=') ? 2 : 1))..].Trim();
            if (field is not ("metadata.name" or "metadata.namespace") && !type.SelectableFields.Contains(field))
            {
                throw ApiException.BadRequest($"\"{field}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"{string.Concat(type.SelectableFields.Select(f => $", \"{f}\""))}");
            }

            terms.Add((field.Split('.'), notEqual <= 0, value));
        }

        return new FieldSelector(terms);
    }

    /// <summary>The value an equality term requires of a field (docs/design.md §3: watches are indexed by <c>metadata.name</c>).</summary>
    /// <param name="field">The field, e.g. <c>metadata.name</c>.</param>
    /// <returns>The value, or <see langword="null"/> when no <c>=</c> term names the field.</returns>
    public string? RequiredValue(string field)
    {
        foreach (var (path, equal, value) in _terms)
        {
            if (equal && string.Join('.', path) == field)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Whether an object matches; a missing field compares as the empty string.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>Whether every term holds.</returns>
    public bool Matches(JsonObject obj)
    {
        foreach (var (path, equal, value) in _terms)
        {
            JsonNode? node = obj;
            foreach (var segment in path)
            {
                node = node is JsonObject o ? o[segment] : null;
            }

            var actual = node switch
            {
                null => string.Empty,
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                _ => node.ToJsonString(),
            };
            if ((actual == value) != equal)
            {
                return false;
            }
        }

        return true;
    }
}

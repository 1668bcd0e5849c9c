using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Selectors;

/// <summary>
/// The <c>metadata.labels</c> of a stored object seen as the string dictionary the core's selectors match, without
/// copying them: a list request matches every object of the resource.
/// </summary>
internal sealed class JsonLabels(JsonObject? labels) : IReadOnlyDictionary<string, string>
{
    public int Count => labels?.Count ?? 0;

    public IEnumerable<string> Keys => labels?.Select(p => p.Key) ?? [];

    public IEnumerable<string> Values => labels?.Select(p => ValueOf(p.Value)) ?? [];

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no label \"{key}\"");

    public bool ContainsKey(string key) => labels?.ContainsKey(key) ?? false;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        if (labels is not null && labels.TryGetPropertyValue(key, out var node))
        {
            value = ValueOf(node);
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        foreach (var (key, node) in labels ?? Enumerable.Empty<KeyValuePair<string, JsonNode?>>())
        {
            yield return KeyValuePair.Create(key, ValueOf(node));
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    // Label values are strings; a JSON null (never written by kube-apiserver) reads as the empty value.
    private static string ValueOf(JsonNode? node) => (string?)node ?? string.Empty;
}

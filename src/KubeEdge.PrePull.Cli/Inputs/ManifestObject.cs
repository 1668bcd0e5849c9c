using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Cli.Inputs;

/// <summary>One object of a manifest file and where it is, e.g. <c>nodes.yaml: document 2, items[3]</c>.</summary>
/// <param name="Object">The object.</param>
/// <param name="Location">The file and position, the prefix of every message about the object.</param>
internal sealed record ManifestObject(JsonObject Object, string Location)
{
    /// <summary>A message about a field of this object: <c>LOCATION: FIELD: MESSAGE</c>.</summary>
    public string Problem(string field, string message) => $"{Location}: {field}: {message}";

    /// <summary>A string field (dotted path), or <see langword="null"/> when absent or null.</summary>
    /// <exception cref="CliException">The field is there but is not a string.</exception>
    public string? String(string path)
    {
        var node = Find(path);
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new CliException(Problem(path, $"expected a string, got {Describe(node)}"));
    }

    /// <summary>A map of strings (dotted path): empty when absent or null.</summary>
    /// <exception cref="CliException">The field or one of its values is not of that shape.</exception>
    public Dictionary<string, string> StringMap(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var node = Find(path);
        if (node is null)
        {
            return result;
        }

        if (node is not JsonObject map)
        {
            throw new CliException(Problem(path, $"expected a map of strings, got {Describe(node)}"));
        }

        foreach (var (key, value) in map)
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text))
            {
                result[key] = text;
            }
            else if (value is not null)
            {
                throw new CliException(Problem($"{path}[\"{key}\"]", $"expected a string, got {Describe(value)}"));
            }
            else
            {
                result[key] = string.Empty;
            }
        }

        return result;
    }

    /// <summary>A list of objects (dotted path): empty when absent or null.</summary>
    /// <exception cref="CliException">The field or one of its items is not of that shape.</exception>
    public IReadOnlyList<JsonObject> ObjectList(string path)
    {
        var node = Find(path);
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw new CliException(Problem(path, $"expected a list, got {Describe(node)}"));
        }

        var result = new List<JsonObject>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            result.Add(array[i] as JsonObject ?? throw new CliException(Problem($"{path}[{i}]", $"expected an object, got {Describe(array[i])}")));
        }

        return result;
    }

    /// <summary>What a JSON value is, for messages (never the value itself: it may be secret data).</summary>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue v when v.TryGetValue<string>(out _) => "a string",
        JsonValue v when v.TryGetValue<bool>(out _) => "a boolean",
        _ => "a number",
    };

    private JsonNode? Find(string path)
    {
        JsonNode? node = Object;
        foreach (var part in path.Split('.'))
        {
            if (node is null)
            {
                return null;
            }

            if (node is not JsonObject obj)
            {
                throw new CliException(Problem(path, $"expected an object at \"{part}\", got {Describe(node)}"));
            }

            node = obj[part];
        }

        return node;
    }
}

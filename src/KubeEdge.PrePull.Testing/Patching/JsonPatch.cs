using System.Globalization;
using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Storage;

namespace KubeEdge.PrePull.Testing.Patching;

/// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy and test, addressed by RFC 6901 pointers.</summary>
internal static class JsonPatch
{
    /// <summary>Applies a patch document (an array of operations) to a copy of the target.</summary>
    /// <param name="target">The document (modified in place).</param>
    /// <param name="patch">The operations.</param>
    /// <returns>The patched document.</returns>
    /// <exception cref="ApiException">422 when an operation fails (a failed <c>test</c> included), 400 when malformed.</exception>
    public static JsonNode Apply(JsonNode target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw ApiException.BadRequest("a JSON patch must be an array of operations");
        }

        var root = new JsonObject { ["doc"] = target };
        foreach (var node in operations)
        {
            if (node is not JsonObject operation)
            {
                throw ApiException.BadRequest("each JSON patch operation must be an object");
            }

            var op = (string?)operation["op"] ?? throw ApiException.BadRequest("a JSON patch operation has no \"op\"");
            var path = (string?)operation["path"] ?? throw ApiException.BadRequest($"the JSON patch operation \"{op}\" has no \"path\"");
            switch (op)
            {
                case "add":
                    Add(root, path, RequiredValue(operation, op));
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, RequiredValue(operation, op));
                    break;
                case "move":
                    var moved = Remove(root, From(operation, op));
                    Add(root, path, moved);
                    break;
                case "copy":
                    Add(root, path, Find(root, From(operation, op))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Find(root, path), RequiredValue(operation, op)))
                    {
                        throw Failed($"the \"test\" operation at \"{path}\" failed: the value differs");
                    }

                    break;
                default:
                    throw ApiException.BadRequest($"unknown JSON patch operation \"{op}\"");
            }
        }

        var result = root["doc"] ?? throw Failed("the patch removed the whole document");
        root.Remove("doc");
        return result;
    }

    private static JsonNode? RequiredValue(JsonObject operation, string op) =>
        operation.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw ApiException.BadRequest($"the JSON patch operation \"{op}\" has no \"value\"");

    private static string From(JsonObject operation, string op) =>
        (string?)operation["from"] ?? throw ApiException.BadRequest($"the JSON patch operation \"{op}\" has no \"from\"");

    private static (JsonNode Parent, string Token) Parent(JsonObject root, string path)
    {
        var tokens = Tokens(path);
        JsonNode current = root;
        foreach (var token in tokens.SkipLast(1))
        {
            current = Child(current, token) ?? throw Failed($"path \"{path}\" does not exist");
        }

        return (current, tokens[^1]);
    }

    private static JsonNode? Find(JsonObject root, string path)
    {
        JsonNode? current = root;
        foreach (var token in Tokens(path))
        {
            current = current is null ? null : Child(current, token);
            if (current is null)
            {
                throw Failed($"path \"{path}\" does not exist");
            }
        }

        return current;
    }

    private static void Add(JsonObject root, string path, JsonNode? value)
    {
        var (parent, token) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj:
                obj[token] = value;
                break;
            case JsonArray array when token == "-":
                array.Add(value);
                break;
            case JsonArray array:
                var index = Index(token, array.Count + 1, path);
                array.Insert(index, value);
                break;
            default:
                throw Failed($"path \"{path}\" does not point into an object or array");
        }
    }

    private static JsonNode? Remove(JsonObject root, string path)
    {
        var (parent, token) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(token, out var value):
                obj.Remove(token);
                return value;
            case JsonArray array:
                var index = Index(token, array.Count, path);
                var removed = array[index];
                array.RemoveAt(index);
                return removed;
            default:
                throw Failed($"path \"{path}\" does not exist");
        }
    }

    private static JsonNode? Child(JsonNode node, string token) => node switch
    {
        JsonObject obj => obj[token],
        JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
        _ => null,
    };

    private static int Index(string token, int bound, string path) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < bound
            ? index
            : throw Failed($"array index \"{token}\" in \"{path}\" is out of range");

    private static string[] Tokens(string path)
    {
        if (path.Length > 0 && path[0] != '/')
        {
            throw ApiException.BadRequest($"the JSON pointer \"{path}\" must start with '/'");
        }

        // "doc" is the synthetic root holding the document, so "" addresses the whole document.
        return ["doc", .. path.Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
    }

    private static ApiException Failed(string message) => new(422, "Invalid", $"the JSON patch could not be applied: {message}");
}

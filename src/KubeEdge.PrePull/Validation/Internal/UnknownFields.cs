using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Serialization;

namespace KubeEdge.PrePull.Validation.Internal;

/// <summary>
/// Finds the fields of a job document that its version's CRD schema does not declare (docs/design.md §2
/// "Validation"): the API server would prune them, so a misspelled <c>imagePrefix</c> would silently widen a rule.
/// The walk follows the embedded CRD's <c>openAPIV3Schema</c> (both versions carry the same schema); a map with
/// <c>additionalProperties</c> (<c>matchLabels</c>) takes any key, and <c>metadata</c> takes ObjectMeta's fields.
/// </summary>
internal static class UnknownFields
{
    private const string Message = "Unknown field: not declared in the ImagePrePullJob schema";

    private static readonly Lazy<Dictionary<string, JsonObject>> Schemas = new(LoadSchemas);

    private static readonly HashSet<string> ObjectMetaFields = typeof(V1ObjectMeta).GetProperties()
        .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
        .OfType<string>()
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The unknown fields of <paramref name="document"/>, in document order; none for a version the CRD does not serve.</summary>
    public static IEnumerable<ValidationProblem> Find(JsonObject document)
    {
        var version = document["apiVersion"] is JsonValue value && value.TryGetValue<string>(out var apiVersion) ? apiVersion : null;
        var name = version?[(version.IndexOf('/', StringComparison.Ordinal) + 1)..];
        if (name is null || !Schemas.Value.TryGetValue(name, out var schema))
        {
            return [];
        }

        var problems = new List<ValidationProblem>();
        Walk(document, schema, string.Empty, problems);
        return problems;
    }

    private static void Walk(JsonNode? node, JsonObject schema, string path, List<ValidationProblem> problems)
    {
        switch (node)
        {
            case JsonObject obj when path == "metadata":
                foreach (var (key, _) in obj)
                {
                    if (!ObjectMetaFields.Contains(key))
                    {
                        problems.Add(new(Join(path, key), Message));
                    }
                }

                break;
            case JsonObject obj when schema["properties"] is JsonObject properties && !PreservesUnknownFields(schema):
                foreach (var (key, value) in obj)
                {
                    if (properties[key] is JsonObject child)
                    {
                        Walk(value, child, Join(path, key), problems);
                    }
                    else if (schema["additionalProperties"] is null)
                    {
                        problems.Add(new(Join(path, key), Message));
                    }
                }

                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], items, $"{path}[{i}]", problems);
                }

                break;
        }
    }

    private static bool PreservesUnknownFields(JsonObject schema) =>
        schema["x-kubernetes-preserve-unknown-fields"] is JsonValue value && value.TryGetValue<bool>(out var preserve) && preserve;

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    // The embedded CRD read as a JSON tree: its schema keys (properties, items, additionalProperties) as written.
    private static Dictionary<string, JsonObject> LoadSchemas()
    {
        var crd = YamlDocuments.Parse(ImagePrePullJobCrd.Yaml, YamlScalarTyping.CoreSchema).OfType<JsonObject>().Single();
        var schemas = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var version in crd["spec"]!["versions"]!.AsArray().OfType<JsonObject>())
        {
            schemas.Add((string)version["name"]!, version["schema"]!["openAPIV3Schema"]!.AsObject());
        }

        return schemas;
    }
}

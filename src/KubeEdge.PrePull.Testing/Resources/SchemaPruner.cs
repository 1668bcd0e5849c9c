using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Resources;

/// <summary>
/// Removes the fields a structural schema does not declare, as kube-apiserver prunes custom resources, and
/// reports them so <c>fieldValidation=Strict</c> can refuse the request and other modes can warn.
/// </summary>
internal static class SchemaPruner
{
    /// <summary>Prunes an object (in place); <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> are never pruned.</summary>
    /// <param name="schema">The resource's root schema.</param>
    /// <param name="obj">The object.</param>
    /// <returns>The paths removed, e.g. <c>spec.imagePrePullTemplate.imagez</c>.</returns>
    public static IReadOnlyList<string> Prune(JsonObject schema, JsonObject obj)
    {
        var pruned = new List<string>();
        var properties = schema["properties"] as JsonObject;
        foreach (var (name, value) in obj.ToArray())
        {
            if (name is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            if (properties?[name] is JsonObject propertySchema)
            {
                PruneValue(propertySchema, value, name, pruned);
            }
            else
            {
                obj.Remove(name);
                pruned.Add(name);
            }
        }

        return pruned;
    }

    private static void PruneValue(JsonObject schema, JsonNode? value, string path, List<string> pruned)
    {
        if (schema["x-kubernetes-preserve-unknown-fields"] is JsonValue preserve && preserve.TryGetValue<bool>(out var keep) && keep)
        {
            return;
        }

        if (value is JsonArray array && schema["items"] is JsonObject itemSchema)
        {
            for (var i = 0; i < array.Count; i++)
            {
                PruneValue(itemSchema, array[i], $"{path}[{i}]", pruned);
            }

            return;
        }

        if (value is not JsonObject obj || (string?)schema["type"] != "object")
        {
            return;
        }

        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        foreach (var (name, child) in obj.ToArray())
        {
            var childSchema = properties?[name] as JsonObject ?? additional as JsonObject;
            if (childSchema is not null)
            {
                PruneValue(childSchema, child, $"{path}.{name}", pruned);
            }
            else if (additional is not JsonValue allowed || !allowed.TryGetValue<bool>(out var any) || !any)
            {
                obj.Remove(name);
                pruned.Add($"{path}.{name}");
            }
        }
    }
}

using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Resources;

/// <summary>
/// Applies the <c>default</c> values of a structural OpenAPI v3 schema, as kube-apiserver does for custom
/// resources on every write: a missing property with a default gets it, present objects and array items are
/// defaulted recursively. A <c>null</c> for a property that is not <c>nullable</c> is removed first.
/// </summary>
internal static class SchemaDefaulter
{
    /// <summary>Fills defaults into an object (in place).</summary>
    /// <param name="schema">The object's schema.</param>
    /// <param name="value">The value to default.</param>
    public static void Apply(JsonObject? schema, JsonNode? value)
    {
        if (schema is null || value is null)
        {
            return;
        }

        if (value is JsonArray array && schema["items"] is JsonObject itemSchema)
        {
            foreach (var item in array)
            {
                Apply(itemSchema, item);
            }

            return;
        }

        if (value is not JsonObject obj || schema["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var (name, property) in properties)
        {
            if (property is not JsonObject propertySchema)
            {
                continue;
            }

            // A null for a field that is not nullable is dropped, then defaulted, as kube-apiserver does.
            if (obj.ContainsKey(name) && obj[name] is null && !(propertySchema["nullable"] is JsonValue nullable && nullable.TryGetValue<bool>(out var isNullable) && isNullable))
            {
                obj.Remove(name);
            }

            if (!obj.ContainsKey(name) && propertySchema["default"] is { } defaultValue)
            {
                obj[name] = defaultValue.DeepClone();
            }

            Apply(propertySchema, obj[name]);
        }
    }
}

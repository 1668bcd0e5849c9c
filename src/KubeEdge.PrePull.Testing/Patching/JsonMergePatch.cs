using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Testing.Patching;

/// <summary>RFC 7396 JSON merge patch: objects merge, <c>null</c> removes, everything else (arrays too) replaces.</summary>
internal static class JsonMergePatch
{
    /// <summary>Applies a merge patch.</summary>
    /// <param name="target">The document (modified in place when it is an object).</param>
    /// <param name="patch">The patch.</param>
    /// <returns>The patched document.</returns>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            var merged = Apply(result[key], value);
            result.Remove(key);
            result[key] = merged;
        }

        return result;
    }
}

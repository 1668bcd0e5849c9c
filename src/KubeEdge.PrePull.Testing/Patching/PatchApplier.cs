using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Resources;
using KubeEdge.PrePull.Testing.Storage;

namespace KubeEdge.PrePull.Testing.Patching;

/// <summary>Chooses the patch format from the content type and applies it.</summary>
internal static class PatchApplier
{
    /// <summary>Maps a PATCH content type to a format.</summary>
    /// <param name="contentType">The request's content type.</param>
    /// <param name="type">The resource (strategic merge is refused for custom resources, as kube-apiserver does).</param>
    /// <returns>The format.</returns>
    /// <exception cref="ApiException">415 for unsupported formats.</exception>
    public static PatchKind KindOf(string? contentType, ResourceType type)
    {
        var media = contentType?.Split(';')[0].Trim();
        return media switch
        {
            "application/merge-patch+json" => PatchKind.Merge,
            "application/json-patch+json" => PatchKind.Json,
            "application/strategic-merge-patch+json" when type.Schema is null => PatchKind.StrategicMerge,
            "application/strategic-merge-patch+json" => throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"),
            _ => throw new ApiException(415, "UnsupportedMediaType", $"the embedded API server does not support PATCH with content type \"{media}\": use application/merge-patch+json or application/json-patch+json"),
        };
    }

    /// <summary>Applies a patch to a private copy of the current object.</summary>
    /// <param name="kind">The format.</param>
    /// <param name="current">Private copy of the current object.</param>
    /// <param name="patch">The patch body.</param>
    /// <returns>The requested object.</returns>
    /// <exception cref="ApiException">When the patch cannot be applied or does not yield an object.</exception>
    public static JsonObject Apply(PatchKind kind, JsonObject current, JsonNode? patch)
    {
        // Strategic merge is applied as a merge patch: lists are replaced, not merged by key.
        var result = kind == PatchKind.Json ? JsonPatch.Apply(current, patch) : JsonMergePatch.Apply(current, patch);
        return result as JsonObject ?? throw ApiException.BadRequest("the patched document is not an object");
    }
}

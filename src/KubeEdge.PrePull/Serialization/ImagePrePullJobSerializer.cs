using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Serialization.Internal;

namespace KubeEdge.PrePull.Serialization;

/// <summary>
/// Reads and writes ImagePrePullJob documents (JSON or YAML, either API version) with the KubernetesClient JSON
/// settings. Reading never returns a half-read or silently empty job: any problem throws an
/// <see cref="ImagePrePullJobFormatException"/> that names the field.
/// </summary>
public static class ImagePrePullJobSerializer
{
    /// <summary>Reads one job from JSON or YAML; the apiVersion (v1alpha1 or v1alpha2) is kept as written.</summary>
    /// <param name="text">The document.</param>
    /// <returns>The job.</returns>
    /// <exception cref="ImagePrePullJobFormatException">The document is malformed, not an ImagePrePullJob, or a field has the wrong type.</exception>
    public static ImagePrePullJob Deserialize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.AsSpan().TrimStart();
        return trimmed.Length > 0 && trimmed[0] == '{' ? DeserializeJson(text) : DeserializeYaml(text);
    }

    /// <summary>Reads one job from JSON.</summary>
    /// <param name="json">The document.</param>
    /// <returns>The job.</returns>
    /// <exception cref="ImagePrePullJobFormatException">The document is malformed, not an ImagePrePullJob, or a field has the wrong type.</exception>
    public static ImagePrePullJob DeserializeJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ImagePrePullJobFormatException(string.Empty, $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}", ex);
        }

        return FromNode(node);
    }

    /// <summary>Reads one job from YAML (a single document).</summary>
    /// <param name="yaml">The document.</param>
    /// <returns>The job.</returns>
    /// <exception cref="ImagePrePullJobFormatException">The document is malformed, holds more or less than one document, is not an ImagePrePullJob, or a field has the wrong type.</exception>
    public static ImagePrePullJob DeserializeYaml(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var documents = YamlToJson.Documents(yaml, YamlScalarTyping.CoreSchema);
        return documents.Count switch
        {
            1 => FromNode(documents[0]),
            0 => throw new ImagePrePullJobFormatException(string.Empty, "the document is empty", null),
            _ => throw new ImagePrePullJobFormatException(string.Empty, $"expected one ImagePrePullJob, found {documents.Count} YAML documents", null),
        };
    }

    /// <summary>Reads one job from a JSON tree (e.g. one item of a list).</summary>
    /// <param name="node">The object.</param>
    /// <returns>The job.</returns>
    /// <exception cref="ImagePrePullJobFormatException">The object is not an ImagePrePullJob or a field has the wrong type.</exception>
    public static ImagePrePullJob FromNode(JsonNode? node)
    {
        if (node is not JsonObject root)
        {
            throw new ImagePrePullJobFormatException(string.Empty, $"expected an ImagePrePullJob object, got {FieldPath.Actual(node, string.Empty)}", null);
        }

        CheckTypeMeta(root);
        ImagePrePullJob? job;
        try
        {
            // Generated metadata with KubernetesClient's settings: no reflection (docs/design.md §3).
            job = root.Deserialize(ImagePrePullJobJsonContext.Default.ImagePrePullJob);
        }
        catch (JsonException ex)
        {
            var path = FieldPath.FromJsonPath(ex.Path);
            var expected = FieldPath.Expected(typeof(ImagePrePullJob), path);
            var actual = FieldPath.Actual(root, path);
            var hint = expected == "a string" && actual is "a number" or "a boolean" ? " (quote the value)" : string.Empty;
            var message = expected is null ? $"invalid value ({actual})"
                : IntegerProblem(root, path) ?? $"expected {expected}, got {actual}{hint}";
            throw new ImagePrePullJobFormatException(path, message, ex);
        }

        return job ?? throw new ImagePrePullJobFormatException(string.Empty, "the document is null", null);
    }

    /// <summary>Writes a job as JSON with the KubernetesClient settings (camelCase, nulls omitted).</summary>
    /// <param name="job">The job.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(ImagePrePullJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return KubernetesJson.Serialize(job);
    }

    private static void CheckTypeMeta(JsonObject root)
    {
        var apiVersion = StringField(root, "apiVersion");
        if (apiVersion is not (ImagePrePullJobNames.GroupVersionV1Alpha1 or ImagePrePullJobNames.GroupVersionV1Alpha2))
        {
            throw new ImagePrePullJobFormatException("apiVersion", $"expected \"{ImagePrePullJobNames.GroupVersionV1Alpha2}\" or \"{ImagePrePullJobNames.GroupVersionV1Alpha1}\", got {Quote(apiVersion)}", null);
        }

        var kind = StringField(root, "kind");
        if (kind != ImagePrePullJobNames.Kind)
        {
            throw new ImagePrePullJobFormatException("kind", $"expected \"{ImagePrePullJobNames.Kind}\", got {Quote(kind)}", null);
        }
    }

    /// <summary>
    /// A number where an integer is expected that is out of the integer's range or not whole, e.g.
    /// <c>concurrency: 3000000000</c>: the message says the range and the number (a number is never a secret).
    /// </summary>
    private static string? IntegerProblem(JsonObject root, string path)
    {
        if (FieldPath.IntegerRange(typeof(ImagePrePullJob), path) is not { } range
            || FieldPath.At(root, path) is not JsonValue value
            || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        // The JSON text of the number as written (a double or decimal would round a long one).
        var text = value.ToJsonString();
        var what = text.Length > 40 ? "a number of " + text.Length.ToString(CultureInfo.InvariantCulture) + " characters" : text;
        return string.Create(CultureInfo.InvariantCulture, $"expected an integer from {range.Min} to {range.Max}, got {what}");
    }

    private static string? StringField(JsonObject root, string name) =>
        root.TryGetPropertyValue(name, out var value) && value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string Quote(string? value) => value is null ? "nothing" : $"\"{value}\"";
}

using System.Text.Json;
using System.Text.Json.Nodes;
using KubeEdge.PrePull.Serialization;

namespace KubeEdge.PrePull.Cli.Inputs;

/// <summary>
/// Reads the documents of a Kubernetes manifest file: one JSON document, or one or more YAML documents read by the
/// core's <see cref="YamlDocuments"/>. YAML scalars become JSON strings (<see cref="YamlScalarTyping.Strings"/>: only
/// <c>null</c>, <c>~</c> and empty values become null), because every field the tool reads from nodes and secrets is
/// a string: a label written <c>zone: 1</c> means the string "1".
/// </summary>
internal static class ManifestDocuments
{
    /// <summary>Every non-empty document of the text, in order.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <exception cref="CliException">The text is neither valid JSON nor valid YAML.</exception>
    public static IReadOnlyList<JsonNode?> Parse(string text, string source)
    {
        var trimmed = text.AsSpan().TrimStart();
        return trimmed.Length > 0 && trimmed[0] is '{' or '[' ? [ParseJson(text, source)] : ParseYaml(text, source);
    }

    private static JsonNode? ParseJson(string text, string source)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new CliException($"{source}: malformed JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}", ex);
        }
    }

    private static List<JsonNode?> ParseYaml(string text, string source)
    {
        IReadOnlyList<JsonNode?> documents;
        try
        {
            documents = YamlDocuments.Parse(text, YamlScalarTyping.Strings);
        }
        catch (FormatException ex)
        {
            throw new CliException($"{source}: {ex.Message}", ex);
        }

        // A document that is only a null value (~, null) holds nothing to read either.
        return [.. documents.Where(d => d is not null)];
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KubeEdge.PrePull.Cli.Inputs;

/// <summary>
/// Reads the documents of a Kubernetes manifest file: one JSON document, or one or more YAML documents. YAML scalars
/// become JSON strings (only <c>null</c>, <c>~</c> and empty values become null), because every field the tool reads
/// from nodes and secrets is a string: a label written <c>zone: 1</c> means the string "1".
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
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new CliException($"{source}: malformed YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }

        var documents = new List<JsonNode?>(stream.Documents.Count);
        foreach (var document in stream.Documents)
        {
            // An empty document (between two '---', or a file of comments) holds nothing to read.
            if (document.RootNode is YamlScalarNode scalar && ToJson(scalar) is null)
            {
                continue;
            }

            documents.Add(Convert(document.RootNode, source));
        }

        return documents;
    }

    private static JsonNode? Convert(YamlNode node, string source)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw new CliException($"{source}: the mapping key at line {key.Start.Line} is not a plain string");
                    }

                    obj[name] = Convert(value, source);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(item, source));
                }

                return array;
            case YamlScalarNode scalar:
                return ToJson(scalar);
            default:
                throw new CliException($"{source}: unsupported YAML node at line {node.Start.Line}");
        }
    }

    private static JsonValue? ToJson(YamlScalarNode scalar)
    {
        var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
        if (!quoted && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        return JsonValue.Create(scalar.Value ?? string.Empty);
    }
}

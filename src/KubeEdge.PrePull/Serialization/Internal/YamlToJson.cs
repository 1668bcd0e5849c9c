using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KubeEdge.PrePull.Serialization.Internal;

/// <summary>
/// Turns YAML documents into JSON trees so that JSON and YAML input go through one deserializer and report errors the
/// same way; the only YAML-to-JSON conversion of the repository (public as <see cref="YamlDocuments"/>). Plain scalars
/// are typed as <see cref="YamlScalarTyping"/> says; quoted scalars and <c>!!str</c> stay strings.
/// </summary>
internal static class YamlToJson
{
    /// <summary>Every non-empty document of <paramref name="yaml"/>.</summary>
    public static IReadOnlyList<JsonNode?> Documents(string yaml, YamlScalarTyping typing)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ImagePrePullJobFormatException(string.Empty, $"malformed YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }

        var result = new List<JsonNode?>(stream.Documents.Count);
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" } && document.RootNode.Tag.IsEmpty)
            {
                continue; // an empty document between two '---'
            }

            result.Add(Convert(document.RootNode, string.Empty, typing));
        }

        return result;
    }

    private static JsonNode? Convert(YamlNode node, string path, YamlScalarTyping typing) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping, path, typing),
        YamlSequenceNode sequence => ConvertSequence(sequence, path, typing),
        YamlScalarNode scalar => ConvertScalar(scalar, typing),
        _ => throw new ImagePrePullJobFormatException(path, $"unsupported YAML node at line {node.Start.Line}", null),
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping, string path, YamlScalarTyping typing)
    {
        var result = new JsonObject();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw new ImagePrePullJobFormatException(path, $"a mapping key at line {keyNode.Start.Line} is not a plain string", null);
            }

            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (result.ContainsKey(key))
            {
                throw new ImagePrePullJobFormatException(childPath, $"duplicate key at line {keyNode.Start.Line}", null);
            }

            result[key] = Convert(valueNode, childPath, typing);
        }

        return result;
    }

    private static JsonArray ConvertSequence(YamlSequenceNode sequence, string path, YamlScalarTyping typing)
    {
        var result = new JsonArray();
        var index = 0;
        foreach (var item in sequence.Children)
        {
            result.Add(Convert(item, $"{path}[{index}]", typing));
            index++;
        }

        return result;
    }

    private static JsonValue? ConvertScalar(YamlScalarNode scalar, YamlScalarTyping typing)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value is "tag:yaml.org,2002:str" or "!!str"))
        {
            return JsonValue.Create(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (typing == YamlScalarTyping.Strings)
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (LooksLikeFloat(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(value);
    }

    // YAML 1.2 core schema floats: [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    private static bool LooksLikeFloat(string value)
    {
        var i = 0;
        if (i < value.Length && value[i] is '-' or '+')
        {
            i++;
        }

        var digits = 0;
        while (i < value.Length && char.IsAsciiDigit(value[i]))
        {
            i++;
            digits++;
        }

        if (i < value.Length && value[i] == '.')
        {
            i++;
            while (i < value.Length && char.IsAsciiDigit(value[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < value.Length && value[i] is 'e' or 'E')
        {
            i++;
            if (i < value.Length && value[i] is '-' or '+')
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < value.Length && char.IsAsciiDigit(value[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }
        }

        return i == value.Length;
    }
}

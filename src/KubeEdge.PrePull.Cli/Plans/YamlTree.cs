using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KubeEdge.PrePull.Cli.Plans;

/// <summary>
/// Writes a JSON tree as YAML, keeping types: a string that YAML would read as something else (<c>true</c>,
/// <c>null</c>, <c>1.5</c>, empty) is double-quoted; empty lists and maps are written <c>[]</c> and <c>{}</c>.
/// </summary>
internal static class YamlTree
{
    private static readonly HashSet<string> Ambiguous = new(StringComparer.OrdinalIgnoreCase)
    {
        "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n",
    };

    /// <summary>The tree as one YAML document.</summary>
    public static string Write(JsonNode? tree)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, tree);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Emit(Emitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    emitter.Emit(StringScalar(key));
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                emitter.Emit(StringScalar(text));
                break;
            case null:
                emitter.Emit(Plain("null"));
                break;
            default:
                // Numbers and booleans: their JSON text is also their YAML text.
                emitter.Emit(Plain(node.ToJsonString()));
                break;
        }
    }

    private static Scalar Plain(string text) => new(null, null, text, ScalarStyle.Plain, true, false);

    private static Scalar StringScalar(string text) =>
        NeedsQuotes(text) ? new Scalar(null, null, text, ScalarStyle.DoubleQuoted, false, true) : new Scalar(null, null, text, ScalarStyle.Any, true, true);

    private static bool NeedsQuotes(string text) =>
        text.Length == 0 || Ambiguous.Contains(text) || text[0] is (>= '0' and <= '9') or '-' or '+' or '.';
}

using System.Text.Json.Nodes;

namespace KubeEdge.PrePull.Cli.Tests.Commands;

/// <summary>Small helpers to build node files and read the tool's output in the plan tests.</summary>
internal static class PlanTestText
{
    public static string NodeYaml(string name, string region, bool ready, bool edge = true) =>
        "- apiVersion: v1\n  kind: Node\n  metadata:\n"
        + $"    name: {name}\n    labels:\n      topology.kubernetes.io/region: {region}\n"
        + (edge ? "      node-role.kubernetes.io/edge: \"\"\n" : string.Empty)
        + $"  status:\n    conditions:\n    - type: Ready\n      status: \"{(ready ? "True" : "False")}\"\n";

    public static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    public static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => (string)n!)];

    // Reads the YAML output back with the same parser the tool reads nodes with, then retypes numbers, booleans and
    // nulls from their text: if the writer had left "true" or a number-like string unquoted, the trees would differ.
    public static JsonNode YamlAsJson(string yaml)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode)!;

        static JsonNode? Convert(YamlDotNet.RepresentationModel.YamlNode node) => node switch
        {
            YamlDotNet.RepresentationModel.YamlMappingNode m => new JsonObject(m.Children.Select(c => KeyValuePair.Create(((YamlDotNet.RepresentationModel.YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
            YamlDotNet.RepresentationModel.YamlSequenceNode s => new JsonArray([.. s.Children.Select(Convert)]),
            YamlDotNet.RepresentationModel.YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } p => p.Value switch
            {
                "null" => null,
                "true" => JsonValue.Create(true),
                "false" => JsonValue.Create(false),
                var v when int.TryParse(v, out var n) => JsonValue.Create(n),
                var v => JsonValue.Create(v),
            },
            YamlDotNet.RepresentationModel.YamlScalarNode q => JsonValue.Create(q.Value),
            _ => throw new InvalidOperationException(),
        };
    }
}

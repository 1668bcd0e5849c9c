using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Cli.Tests.Commands;

/// <summary>docs/plan-output.md is the JSON output's contract: it must describe every field and its example must be true.</summary>
public sealed partial class PlanOutputDocTests
{
    private static readonly string DocPath = Path.Combine(RepoPaths.RepoRoot, "docs", "plan-output.md");

    [Fact]
    public void Doc_DescribesEveryFieldTheOutputWrites()
    {
        var doc = File.ReadAllText(DocPath);
        var (_, output, _) = CliRun.Run("plan", "--job", PlanTestData.MultiRegistryJob, "--nodes", PlanTestData.Nodes, "-o", "json");
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Collect(JsonNode.Parse(output), string.Empty, paths);

        Assert.Contains("plans[].images[].resolvedImage", paths); // the walk reaches the leaves
        var undocumented = paths.Where(p => !doc.Contains($"`{p}`", StringComparison.Ordinal) && !doc.Contains($"`{p.Replace("plans[].images[]", "...images[]", StringComparison.Ordinal)}`", StringComparison.Ordinal)).ToArray();
        Assert.Empty(undocumented);
    }

    [Fact]
    public void Doc_ExampleIsWhatTheToolPrints()
    {
        var doc = File.ReadAllText(DocPath);
        var job = CliRun.TempFile(Block().Match(doc).Groups["body"].Value);
        var expected = Block().Matches(doc).Single(m => m.Groups["lang"].Value == "json").Groups["body"].Value;

        var (code, output, _) = CliRun.Run("plan", "--job", job, "--nodes", PlanTestData.Nodes, "--secrets", PlanTestData.Secrets, "-o", "json");

        Assert.Equal(1, code);
        Assert.Equal(expected.ReplaceLineEndings("\n").Trim(), output.ReplaceLineEndings("\n").Trim());
    }

    // Records every leaf and list of strings by its path (a.b), and a list of objects as a.b[] with its fields below.
    private static void Collect(JsonNode? node, string path, SortedSet<string> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Collect(value, path.Length == 0 ? key : $"{path}.{key}", paths);
                }

                break;
            case JsonArray array when array.Any(i => i is JsonObject):
                paths.Add(path + "[]");
                foreach (var item in array)
                {
                    Collect(item, path + "[]", paths);
                }

                break;
            default:
                paths.Add(path);
                break;
        }
    }

    [GeneratedRegex(@"```(?<lang>yaml|json)\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Block();
}

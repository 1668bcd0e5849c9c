using System.Text.RegularExpressions;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Readme;

/// <summary>
/// Every C# block of the README is a file that builds and runs: the samples (run by their sample tests) and
/// <see cref="EmbeddedClusterExample"/> (a test of this project). The README holds each file's text verbatim.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    // Each file the README shows, from the repository root; each runs: ControllerHostSampleTests,
    // EdgeAgentSampleTests, and EmbeddedClusterExample itself.
    private static readonly string[] SnippetFiles =
    [
        "samples/ControllerHost/Program.cs",
        "samples/EdgeAgent/Program.cs",
        "tests/KubeEdge.PrePull.Runtime.Tests/Readme/EmbeddedClusterExample.cs",
    ];

    [Fact]
    public void Readme_EveryCSharpBlock_IsASnippetFileVerbatim()
    {
        var blocks = CSharpBlocks(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "README.md")));
        var files = SnippetFiles.ToDictionary(f => f, f => Normalize(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, f))));

        Assert.All(blocks, block => Assert.True(
            files.ContainsValue(block),
            $"this README C# block is none of the snippet files ({string.Join(", ", SnippetFiles)}); keep the README and the file the same:\n{block}"));
        Assert.All(files, file => Assert.True(blocks.Contains(file.Value), $"the README does not show {file.Key} verbatim"));
    }

    private static List<string> CSharpBlocks(string markdown) =>
        CSharpBlock().Matches(Normalize(markdown)).Select(m => m.Groups["code"].Value.TrimEnd('\n')).ToList();

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');

    [GeneratedRegex("^```csharp\n(?<code>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}

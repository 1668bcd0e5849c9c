using System.Text.RegularExpressions;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Tests.Repository;

/// <summary>
/// A user clones only this repository: nothing in it may read or point to a folder beside the checkout, and every
/// relative link of the README and the docs must lead to a file the clone has.
/// </summary>
public sealed partial class SelfContainedRepositoryTests
{
    // Built from parts so that this file does not match its own search. Case matters: the project's own
    // docs/design.md is fine, the upper-case contract file beside the checkout is not.
    private static readonly string[] OutsideReferences =
    [
        "../" + "shared",
        "PREPULL_" + "SHARED_DIR",
        "DESIGN" + ".md",
        "DESIGN" + " §",
        "shared " + "folder",
    ];

    private static readonly string[] SearchedFolders = ["docs", "src", "tests", "samples", "benchmarks", "deploy", "eng"];

    private static readonly string[] TextExtensions = [".cs", ".md", ".csproj", ".props", ".targets", ".json", ".yaml", ".yml", ".sh", ".txt"];

    [Fact]
    public void Files_NameNothingOutsideTheRepository()
    {
        var hits = new List<string>();
        foreach (var file in TextFiles())
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var needle in OutsideReferences)
                {
                    if (lines[i].Contains(needle, StringComparison.Ordinal))
                    {
                        hits.Add($"{Path.GetRelativePath(RepoPaths.RepoRoot, file)}:{i + 1}: '{needle}'");
                    }
                }
            }
        }

        Assert.True(hits.Count == 0, "References to something outside the repository:\n" + string.Join('\n', hits));
    }

    [Fact]
    public void MarkdownLinks_LeadToFilesInTheRepository()
    {
        var broken = new List<string>();
        foreach (var file in TextFiles().Where(f => f.EndsWith(".md", StringComparison.Ordinal)))
        {
            var dir = Path.GetDirectoryName(file)!;
            foreach (Match link in RelativeLink().Matches(File.ReadAllText(file)))
            {
                var target = link.Groups["target"].Value.Split('#')[0];
                if (target.Length == 0)
                {
                    continue;
                }

                var full = Path.GetFullPath(Path.Combine(dir, target));
                if (!full.StartsWith(RepoPaths.RepoRoot, StringComparison.Ordinal) || !(File.Exists(full) || Directory.Exists(full)))
                {
                    broken.Add($"{Path.GetRelativePath(RepoPaths.RepoRoot, file)}: ({link.Groups["target"].Value})");
                }
            }
        }

        Assert.True(broken.Count == 0, "Links to files the repository does not have:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void Vectors_AreInTheRepositoryWithTheirReadme()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Vectors, "README.md")), "tests/vectors/README.md says where each vector set comes from");
        foreach (var file in Directory.GetFiles(RepoPaths.Vectors, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("README.md", StringComparison.Ordinal)))
        {
            var name = Path.GetRelativePath(RepoPaths.Vectors, file).Replace(Path.DirectorySeparatorChar, '/');
            Assert.Contains($"`{name}`", File.ReadAllText(Path.Combine(RepoPaths.Vectors, "README.md")), StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> TextFiles() =>
        new[] { Path.Combine(RepoPaths.RepoRoot, "README.md") }.Concat(SearchedFolders
            .Select(folder => Path.Combine(RepoPaths.RepoRoot, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(f => TextExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Where(f => !IsBuildOutput(f))
            .Order(StringComparer.Ordinal));

    private static bool IsBuildOutput(string file)
    {
        var relative = Path.GetRelativePath(RepoPaths.RepoRoot, file).Replace(Path.DirectorySeparatorChar, '/');
        return relative.Contains("/bin/", StringComparison.Ordinal)
            || relative.Contains("/obj/", StringComparison.Ordinal)
            || relative.StartsWith("artifacts/", StringComparison.Ordinal)
            || relative.Contains("/BenchmarkDotNet.Artifacts/", StringComparison.Ordinal);
    }

    // Markdown links and images whose target is a relative path (no scheme, not an in-page anchor).
    [GeneratedRegex(@"\]\((?<target>(?![a-z][a-z0-9+.-]*:)(?!#)[^)\s]+)\)", RegexOptions.IgnoreCase)]
    private static partial Regex RelativeLink();
}

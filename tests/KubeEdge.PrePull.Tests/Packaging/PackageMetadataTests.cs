using System.Text.RegularExpressions;
using System.Xml.Linq;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Tests.Packaging;

/// <summary>
/// Every packable project keeps the metadata NuGet shows (description, tags, license, a README of its own), and its
/// README reads the same on nuget.org as in the repository: no link that only resolves inside a checkout. Reads the
/// project files as XML, so it stays cheap (no MSBuild, no pack).
/// </summary>
public sealed partial class PackageMetadataTests
{
    /// <summary>The projects that ship as packages.</summary>
    public static TheoryData<string> PackableProjects => new(
        "KubeEdge.PrePull",
        "KubeEdge.PrePull.Runtime",
        "KubeEdge.PrePull.Testing",
        "KubeEdge.PrePull.Cli");

    [Fact]
    public void Src_EveryPackableProject_IsListed()
    {
        var packable = Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => Property(XDocument.Load(p), "IsPackable") == "true")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);

        Assert.Equal(PackableProjects.Select(p => (string)p.Data).Order(StringComparer.Ordinal), packable);
    }

    [Theory]
    [MemberData(nameof(PackableProjects))]
    public void Project_HasDescriptionTagsLicenseAndReadme(string project)
    {
        var csproj = XDocument.Load(ProjectFile(project));
        var props = XDocument.Load(Path.Combine(RepoPaths.RepoRoot, "Directory.Build.props"));

        Assert.True((Property(csproj, "Description") ?? string.Empty).Length >= 40, $"{project} needs a Description of a sentence or more");
        Assert.Contains("$(PackageTags);", Property(csproj, "PackageTags") ?? string.Empty, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Property(props, "PackageTags")));
        Assert.Equal("Apache-2.0", Property(csproj, "PackageLicenseExpression") ?? Property(props, "PackageLicenseExpression"));
        var readme = Property(csproj, "PackageReadmeFile") ?? Property(props, "PackageReadmeFile");
        Assert.Equal("README.md", readme);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(ProjectFile(project))!, readme!)), $"{project} has no {readme} of its own");
    }

    [Fact]
    public void Targets_PackEachProjectsOwnReadme()
    {
        var targets = XDocument.Load(Path.Combine(RepoPaths.RepoRoot, "Directory.Build.targets"));

        Assert.Contains(
            targets.Descendants("None"),
            n => (string?)n.Attribute("Update") == "$(PackageReadmeFile)" && (string?)n.Attribute("Pack") == "true");
    }

    [Theory]
    [MemberData(nameof(PackableProjects))]
    public void Readme_HasNoLinkIntoTheRepository(string project)
    {
        var text = File.ReadAllText(Path.Combine(Path.GetDirectoryName(ProjectFile(project))!, "README.md"));

        var relative = MarkdownLink().Matches(text)
            .Select(m => m.Groups["target"].Value)
            .Where(t => !t.StartsWith("https://", StringComparison.Ordinal) && !t.StartsWith('#'))
            .ToList();

        Assert.True(text.StartsWith("# " + project, StringComparison.Ordinal), $"{project}'s README should open with its package name");
        Assert.Empty(relative);
    }

    [Fact]
    public void Cli_IsTheKubeedgePrepullTool()
    {
        var csproj = XDocument.Load(ProjectFile("KubeEdge.PrePull.Cli"));

        Assert.Equal("true", Property(csproj, "PackAsTool"));
        Assert.Equal("kubeedge-prepull", Property(csproj, "ToolCommandName"));
        Assert.Equal("KubeEdge.PrePull.Cli", Property(csproj, "PackageId"));
    }

    private static string ProjectFile(string project) => Path.Combine(RepoPaths.RepoRoot, "src", project, project + ".csproj");

    /// <summary>The last unconditional value of a property, as MSBuild would see it within one file.</summary>
    private static string? Property(XDocument project, string name) =>
        project.Descendants("PropertyGroup").Elements(name).LastOrDefault(e => e.Attribute("Condition") is null)?.Value.Trim();

    /// <summary>Inline links and images (<c>[text](target)</c>) and reference definitions (<c>[id]: target</c>).</summary>
    [GeneratedRegex(@"\]\((?<target>[^)\s]+)[^)]*\)|^\s*\[[^\]]+\]:\s*(?<target>\S+)", RegexOptions.Multiline)]
    private static partial Regex MarkdownLink();
}

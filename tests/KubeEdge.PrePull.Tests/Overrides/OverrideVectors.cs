using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using KubeEdge.PrePull.TestSupport;

// The test folder mirrors src/KubeEdge.PrePull/Overrides; "Overrides" is only a keyword in Visual Basic.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Mirrors the source folder.", Scope = "namespace", Target = "~N:KubeEdge.PrePull.Tests.Overrides")]

namespace KubeEdge.PrePull.Tests.Overrides;

/// <summary>Reads <c>vectors/image-overrides.json</c> (copied into <c>tests/vectors</c>).</summary>
internal static class OverrideVectors
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Vector("image-overrides.json"))).RootElement);

    /// <summary>Every override case: image, component, operator, value, expected result, whether it is invalid.</summary>
    public static TheoryData<string, string, string, string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, string, string, string, bool>();
        foreach (var c in Root.Value.GetProperty("cases").EnumerateArray())
        {
            data.Add(
                c.GetProperty("image").GetString()!,
                c.GetProperty("component").GetString()!,
                c.GetProperty("operator").GetString()!,
                c.GetProperty("value").GetString()!,
                c.GetProperty("result").GetString()!,
                c.TryGetProperty("invalid", out var invalid) && invalid.GetBoolean());
        }

        return data;
    }

    /// <summary>Every parse case: image, hostname, repository, tag, digest.</summary>
    public static TheoryData<string, string, string, string, string> ParseCases()
    {
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var c in Root.Value.GetProperty("parse").EnumerateArray())
        {
            data.Add(
                c.GetProperty("image").GetString()!,
                c.GetProperty("hostname").GetString()!,
                c.GetProperty("repository").GetString()!,
                c.GetProperty("tag").GetString()!,
                c.GetProperty("digest").GetString()!);
        }

        return data;
    }
}

using KubeEdge.PrePull.Serialization;
using KubeEdge.PrePull.TestSupport;
using KubeEdge.PrePull.Validation;

namespace KubeEdge.PrePull.Tests.Validation;

public sealed class DeployExamplesTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "deploy", "examples"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_LoadsAndIsValid(string file)
    {
        var job = ImagePrePullJobSerializer.Deserialize(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "deploy", "examples", file)));

        Assert.Empty(ImagePrePullJobValidator.Validate(job));
    }
}

using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Tests.Samples;

/// <summary>samples/ValidateJob, run as its own process on the example jobs the project ships.</summary>
public sealed class ValidateJobSampleTests
{
    [Fact]
    public async Task Sample_MultiRegistryExample_PrintsTheEffectiveSettings()
    {
        var run = await RunAsync(Path.Combine(RepoPaths.RepoRoot, "deploy", "examples", "multi-registry.yaml"));

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains(": valid (operations.kubeedge.io/v1alpha2)", run.Output, StringComparison.Ordinal);
        Assert.Contains("override rules:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_InvalidJob_ListsEveryProblemWithItsPathAndExitsOne()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("validate-sample").FullName, "bad.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: operations.kubeedge.io/v1alpha2
            kind: ImagePrePullJob
            metadata: { name: bad }
            spec:
              imagePrePullTemplate:
                images: ["nginx:1.27", "Not A Reference"]
                failureTolerate: "2"
            """, TestContext.Current.CancellationToken);

        var run = await RunAsync(file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("spec.imagePrePullTemplate.images[1]", run.Output, StringComparison.Ordinal);
        Assert.Contains("spec.imagePrePullTemplate.failureTolerate", run.Output, StringComparison.Ordinal);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    private static Task<ProcessRun> RunAsync(string job) =>
        ProcessRun.RunAsync("dotnet", RepoPaths.SampleAssembly("ValidateJob"), job);
}

using KubeEdge.PrePull.Cli.Inputs;

namespace KubeEdge.PrePull.Cli.Tests.Inputs;

/// <summary>What the API server refuses before the controller sees a job, as <c>validate</c> reports it.</summary>
public sealed class ApiServerChecksTests
{
    [Theory]
    [InlineData("Edge_Rollout")]
    [InlineData("rollout-")]
    [InlineData("-rollout")]
    public void Validate_NameThatIsNoDnsSubdomain_IsAnErrorNamingTheField(string name)
    {
        var path = CliRun.TempFile($$$"""
            apiVersion: operations.kubeedge.io/v1alpha2
            kind: ImagePrePullJob
            metadata: {name: "{{{name}}}"}
            spec: {imagePrePullTemplate: {images: [nginx], nodeNames: [n1]}}
            """);

        var (code, output, error) = CliRun.Run("validate", path);

        Assert.Equal(1, code);
        Assert.Equal(
            $"metadata.name: Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
            output.Trim());
        Assert.Contains("1 problem", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NameLongerThan253_IsAnError()
    {
        var name = new string('a', 254);
        var path = CliRun.TempFile($"apiVersion: operations.kubeedge.io/v1alpha2\nkind: ImagePrePullJob\nmetadata: {{name: {name}}}\nspec: {{imagePrePullTemplate: {{images: [nginx], nodeNames: [n1]}}}}\n");

        var (code, output, _) = CliRun.Run("validate", path);

        Assert.Equal(1, code);
        Assert.Equal($"metadata.name: Invalid value: \"{name}\": must be no more than 253 characters", output.Trim());
    }

    [Fact]
    public void Validate_JobBiggerThanTheApiServerStores_IsAnErrorThatSaysTheSize()
    {
        // 40,000 node names of 40 characters: about 1.7 MiB as JSON, every name valid.
        var nodes = string.Join(", ", Enumerable.Range(0, 40_000).Select(i => $"edge-node-{i:D6}-with-a-long-site-suffix"));
        var path = CliRun.TempFile($"apiVersion: operations.kubeedge.io/v1alpha2\nkind: ImagePrePullJob\nmetadata: {{name: huge}}\nspec: {{imagePrePullTemplate: {{images: [nginx], nodeNames: [{nodes}]}}}}\n");

        var (code, output, _) = CliRun.Run("validate", path);

        Assert.Equal(1, code);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Matches(@"^\(the whole job\): Too long: the job is 1\.\d+ MiB \([\d,]+ bytes\) as JSON; the API server stores at most 1\.5 MiB \(1,572,864 bytes\) per object", line);
    }

    [Fact]
    public void Validate_JobJustBelowTheLimit_IsValid()
    {
        var nodes = string.Join(", ", Enumerable.Range(0, 30_000).Select(i => $"edge-node-{i:D6}-with-a-long-site-suffix"));
        var path = CliRun.TempFile($"apiVersion: operations.kubeedge.io/v1alpha2\nkind: ImagePrePullJob\nmetadata: {{name: big}}\nspec: {{imagePrePullTemplate: {{images: [nginx], nodeNames: [{nodes}]}}}}\n");

        var (code, output, error) = CliRun.Run("validate", path);

        Assert.True(code == 0, output + error);
        Assert.True(new FileInfo(path).Length < ApiServerChecks.MaxObjectBytes);
    }
}

namespace KubeEdge.PrePull.Cli.Tests.Inputs;

/// <summary>Input files: a directory where a file belongs is one line saying so, exit code 2.</summary>
public sealed class InputFileTests
{
    [Fact]
    public void Validate_Directory_SaysItIsADirectoryAndExitsTwo()
    {
        var directory = Directory.CreateTempSubdirectory("validate-dir-").FullName;
        try
        {
            var (code, output, error) = CliRun.Run("validate", directory);

            Assert.Equal(2, code);
            Assert.Empty(output);
            Assert.Equal($"kubeedge-prepull: {directory}: is a directory, not a job file (YAML or JSON)", error.Trim());
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public void Plan_NodesDirectory_SaysItIsADirectory()
    {
        var job = CliRun.TempFile("apiVersion: operations.kubeedge.io/v1alpha2\nkind: ImagePrePullJob\nmetadata: {name: j}\nspec: {imagePrePullTemplate: {images: [nginx], nodeNames: [n1]}}\n");
        var directory = Directory.CreateTempSubdirectory("plan-dir-").FullName;
        try
        {
            var (code, _, error) = CliRun.Run("plan", "--job", job, "--nodes", directory);

            Assert.Equal(2, code);
            Assert.Equal($"kubeedge-prepull: {directory}: is a directory, not a file of Nodes", error.Trim());
        }
        finally
        {
            Directory.Delete(directory);
        }
    }
}

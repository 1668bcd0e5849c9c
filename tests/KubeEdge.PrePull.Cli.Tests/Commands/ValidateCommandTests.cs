namespace KubeEdge.PrePull.Cli.Tests.Commands;

public sealed class ValidateCommandTests
{
    [Fact]
    public void Validate_ValidJob_ExitsZero()
    {
        var path = CliRun.TempFile("""
            apiVersion: operations.kubeedge.io/v1alpha2
            kind: ImagePrePullJob
            metadata: {name: ok}
            spec: {imagePrePullTemplate: {images: [nginx], nodeNames: [n1]}}
            """);

        var (code, output, _) = CliRun.Run("validate", path);

        Assert.Equal(0, code);
        Assert.Contains("valid ImagePrePullJob \"ok\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidJob_ListsEveryProblemWithItsPathAndExitsOne()
    {
        var path = CliRun.TempFile("""
            apiVersion: operations.kubeedge.io/v1alpha2
            kind: ImagePrePullJob
            metadata: {name: bad}
            spec: {imagePrePullTemplate: {images: [nginx, ""], nodeNames: [n1], concurrency: -1, checkItems: [gpu]}}
            """);

        var (code, output, error) = CliRun.Run("validate", path);

        Assert.Equal(1, code);
        Assert.Equal(
            [
                "spec.imagePrePullTemplate.images[1]: repository name must have at least one component",
                "spec.imagePrePullTemplate.checkItems[0]: Unsupported value: \"gpu\": supported values: \"disk\", \"mem\", \"cpu\"",
                "spec.imagePrePullTemplate.concurrency: Invalid value: -1: must be greater than or equal to 0",
            ],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("3 problems", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WrongType_IsOneClearLineWithoutStackTrace()
    {
        var path = CliRun.TempFile("apiVersion: operations.kubeedge.io/v1alpha2\nkind: ImagePrePullJob\nspec: {imagePrePullTemplate: {images: {nginx: latest}}}\n");

        var (code, _, error) = CliRun.Run("validate", path);

        Assert.Equal(1, code);
        Assert.Equal($"kubeedge-prepull: {path}: spec.imagePrePullTemplate.images: expected a list of strings, got an object", error.Trim());
    }

    [Fact]
    public void Validate_MissingFile_IsOneClearLineAndExitsTwo()
    {
        var (code, _, error) = CliRun.Run("validate", "/nonexistent/job.yaml");

        Assert.Equal(2, code);
        Assert.Equal("kubeedge-prepull: /nonexistent/job.yaml: no such file", error.Trim());
    }

    [Fact]
    public void Validate_Verbose_ShowsTheStackTrace()
    {
        var path = CliRun.TempFile("kind: Pod\n");

        var (code, _, error) = CliRun.Run("validate", path, "--verbose");

        Assert.Equal(1, code);
        Assert.Contains("ImagePrePullJobFormatException", error, StringComparison.Ordinal);
        Assert.Contains(" at ", error, StringComparison.Ordinal);
    }
}

namespace KubeEdge.PrePull.Cli.Tests.Commands;

// docs/design.md §2 "Validation": validate reports unknown fields as errors and repeated images as warnings.
public sealed class ValidateUnknownFieldTests
{
    [Theory]
    [InlineData("v1alpha1")]
    [InlineData("v1alpha2")]
    public void Validate_MisspelledImagePrefix_IsAnErrorWithItsPath(string version)
    {
        var path = CliRun.TempFile($$"""
            apiVersion: operations.kubeedge.io/{{version}}
            kind: ImagePrePullJob
            metadata: {name: typo}
            spec:
              imagePrePullTemplate: {images: [nginx, harbor.example.com/a/b:1], nodeNames: [n1]}
              imagePrePullOverriders:
              - nodeLabel: region=hz
                imagePrefix: [harbor.example.com/]
                overriders: {imageOverriders: [{component: Registry, operator: replace, value: mirror.example.com}]}
            """);

        var (code, output, error) = CliRun.Run("validate", path);

        Assert.Equal(1, code);
        Assert.Equal(
            ["spec.imagePrePullOverriders[0].imagePrefix: Unknown field: not declared in the ImagePrePullJob schema"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("1 problem", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateImagesAfterNormalization_WarnsAndStaysValid()
    {
        var path = CliRun.TempFile("""
            {"apiVersion": "operations.kubeedge.io/v1alpha2", "kind": "ImagePrePullJob", "metadata": {"name": "dup"},
             "spec": {"imagePrePullTemplate": {"images": ["nginx:1.27", "docker.io/library/nginx:1.27"], "nodeNames": ["n1"]}}}
            """);

        var (code, output, error) = CliRun.Run("validate", path);

        Assert.Equal(0, code);
        Assert.Contains("valid ImagePrePullJob \"dup\"", output, StringComparison.Ordinal);
        Assert.Contains("warning: spec.imagePrePullTemplate.images[1]: Duplicate value: \"docker.io/library/nginx:1.27\" is the same image as images[0]", error, StringComparison.Ordinal);
    }
}

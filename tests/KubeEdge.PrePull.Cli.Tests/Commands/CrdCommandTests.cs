using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Cli.Tests.Commands;

public sealed class CrdCommandTests
{
    [Fact]
    public void Crd_PrintsTheShippedManifest()
    {
        var (code, output, _) = CliRun.Run("crd");

        Assert.Equal(0, code);
        Assert.Equal(ImagePrePullJobCrd.Yaml, output);
        Assert.Contains("name: imageprepulljobs.operations.kubeedge.io", output, StringComparison.Ordinal);
    }
}

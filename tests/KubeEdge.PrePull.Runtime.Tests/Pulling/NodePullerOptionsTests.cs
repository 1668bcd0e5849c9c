using KubeEdge.PrePull.Runtime.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Cri;
using KubeEdge.PrePull.Runtime.Pulling.Docker;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling;

public sealed class NodePullerOptionsTests
{
    [Fact]
    public void Defaults_ArePinned()
    {
        var cri = new CriImagePullerOptions();
        var docker = new DockerImagePullerOptions();

        Assert.Equal("/run/containerd/containerd.sock", cri.SocketPath);
        Assert.Equal(16 * 1024 * 1024, cri.MaxMessageBytes);
        Assert.Equal("/var/run/docker.sock", docker.SocketPath);
        foreach (NodePullerOptions options in new NodePullerOptions[] { cri, docker })
        {
            Assert.Equal(TimeSpan.FromMinutes(5), options.PullTimeout);
            Assert.Equal(TimeSpan.FromSeconds(10), options.ProbeTimeout);
            Assert.Equal(TimeSpan.FromMilliseconds(250), options.CpuSampleInterval);
            Assert.Equal("/proc", options.ProcPath);
        }
    }

    [Theory]
    [InlineData("relative.sock", "CriImagePullerOptions.SocketPath must be an absolute path to a Unix socket, not 'relative.sock'.")]
    [InlineData("", "CriImagePullerOptions.SocketPath must be an absolute path to a Unix socket, not ''.")]
    public void CriConstructor_BadSocketPath_ThrowsNamingTheSetting(string socketPath, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new CriImagePuller(new CriImagePullerOptions { SocketPath = socketPath }));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("SocketPath", error.ParamName);
    }

    [Fact]
    public void CriConstructor_TinyMessageLimit_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => new CriImagePuller(new CriImagePullerOptions { MaxMessageBytes = 1000 }));

        Assert.StartsWith("CriImagePullerOptions.MaxMessageBytes must be at least 1 MiB, not 1000.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DockerConstructor_NonPositiveTimeout_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => new DockerImagePuller(new DockerImagePullerOptions { PullTimeout = TimeSpan.Zero }));

        Assert.StartsWith("DockerImagePullerOptions.PullTimeout must be a positive time span, not 00:00:00.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructors_CopyOptions_LaterChangesHaveNoEffect()
    {
        var options = new CriImagePullerOptions { SocketPath = "/tmp/one.sock" };
        using var puller = new CriImagePuller(options);

        options.SocketPath = "relative";

        Assert.Equal("cri", puller.Name);
    }
}

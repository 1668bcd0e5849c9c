using System.Collections.Concurrent;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Docker;
using KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.Docker;

/// <summary>The Docker puller against a real dockerd (Engine API on a Unix socket) and real registries.</summary>
public sealed class DockerImagePullerTests(DockerFixture fixture)
    : ImagePullerContractTests<DockerFixture, DockerImagePuller>(fixture), IClassFixture<DockerFixture>
{
    [Fact]
    public async Task ProbeAsync_Dockerd_NegotiatesApiVersion()
    {
        using var puller = Create();

        var version = Version.Parse(await puller.ProbeAsync(Token));

        Assert.True(version >= new Version(1, 24) && version <= new Version(1, 45), version.ToString());
    }

    [Fact]
    public async Task PullAsync_LargerLayer_ReportsByteProgress()
    {
        using var puller = Create();
        var image = await Fixture.Alice.PushImageAsync("progress/app", "v1", padding: 3 * 1024 * 1024);
        var reports = new ConcurrentQueue<PullProgress>();

        var result = await puller.PullAsync(Request(image, Fixture.Alice.Credential("default/alice")) with { Progress = new Collect(reports) }, Token);

        Assert.True(result.Succeeded, result.Reason);
        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.Equal(image, r.Image));
        var last = reports.Last();
        Assert.True(last.TotalBytes > 3 * 1024 * 1024, $"total {last.TotalBytes}");
        Assert.Equal(last.TotalBytes, last.CurrentBytes);
    }

    [Fact]
    public async Task PullAsync_ErrorDetailInProgressStream_IsAFailure()
    {
        using var puller = Create();
        var image = await Fixture.Alice.PushImageAsync("stream-error/app", "v1");
        Fixture.Alice.CorruptLayer(image);

        var result = await puller.PullAsync(Request(image, Fixture.Alice.Credential("default/alice")), Token);
        Log(result);

        // The manifest resolved, so the Engine answered 200 and reported the missing layer inside the stream.
        Assert.Equal(PullFailureKind.NotFound, result.FailureKind);
        Assert.Contains("unknown blob", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Docker Engine HTTP", result.Reason, StringComparison.Ordinal);
    }

    protected override DockerImagePuller CreatePuller(string? socketPath, TimeSpan? pullTimeout) => new(new DockerImagePullerOptions
    {
        SocketPath = socketPath ?? Fixture.Docker.SocketPath,
        PullTimeout = pullTimeout ?? TimeSpan.FromMinutes(1),
        ProbeTimeout = TimeSpan.FromSeconds(5),
        FreeSpaceReader = FreeSpace,
    });

    /// <summary>Asks dockerd with the docker CLI.</summary>
    protected override async Task<string?> RuntimeImageIdAsync(string image)
    {
        var run = await ProcessRun.RunAsync(Daemons.Find("docker") ?? "docker", "-H", $"unix://{Fixture.Docker.SocketPath}", "image", "inspect", "--format", "{{.Id}}", image);
        return run.ExitCode == 0 ? run.Output.Trim() : null;
    }

    private sealed class Collect(ConcurrentQueue<PullProgress> reports) : IProgress<PullProgress>
    {
        public void Report(PullProgress value) => reports.Enqueue(value);
    }
}

using KubeEdge.PrePull.Runtime.Pulling.Cri;
using KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.Cri;

/// <summary>The CRI puller against a real containerd (CRI v1 on a Unix socket) and real registries.</summary>
public sealed class CriImagePullerTests(CriFixture fixture)
    : ImagePullerContractTests<CriFixture, CriImagePuller>(fixture), IClassFixture<CriFixture>
{
    [Fact]
    public async Task ProbeAsync_Containerd_ReportsCriV1()
    {
        using var puller = Create();

        var version = await puller.ProbeAsync(Token);

        Assert.Equal("containerd", version.RuntimeName);
        Assert.Equal("v1", version.RuntimeApiVersion);
    }

    [Fact]
    public async Task ProbeAsync_SocketMissing_ThrowsNamingTheSocket()
    {
        var socket = Path.Combine(Fixture.TempDir, "absent.sock");
        using var puller = CreateForSocket(socket);

        var error = await Assert.ThrowsAsync<KubeEdge.PrePull.Runtime.Pulling.RuntimeUnavailableException>(() => puller.ProbeAsync(Token));

        Assert.Contains(socket, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_SocketIsNotCri_ThrowsSayingSo()
    {
        // containerd's ttrpc socket is a live socket that does not speak gRPC over HTTP/2.
        Fixture.Require();
        using var puller = CreateForSocket(Fixture.Containerd.SocketPath + ".ttrpc");

        var error = await Assert.ThrowsAsync<KubeEdge.PrePull.Runtime.Pulling.RuntimeUnavailableException>(() => puller.ProbeAsync(Token));
        TestContext.Current.TestOutputHelper?.WriteLine(error.Message);

        Assert.Contains(Fixture.Containerd.SocketPath + ".ttrpc", error.Message, StringComparison.Ordinal);
        Assert.Contains("did not answer as a CRI v1 runtime", error.Message, StringComparison.Ordinal);
    }

    protected override CriImagePuller CreatePuller(string? socketPath, TimeSpan? pullTimeout) => new(new CriImagePullerOptions
    {
        SocketPath = socketPath ?? Fixture.Containerd.SocketPath,
        PullTimeout = pullTimeout ?? TimeSpan.FromMinutes(1),
        ProbeTimeout = TimeSpan.FromSeconds(5),
        FreeSpaceReader = FreeSpace,
    });

    /// <summary>
    /// Asks containerd with its own CLI, in the CRI plugin's namespace: the image's ref names a manifest digest, and
    /// the CRI plugin also stores the image under its ID (<c>sha256:</c> config digest) pointing at the same manifest.
    /// </summary>
    protected override async Task<string?> RuntimeImageIdAsync(string image)
    {
        var output = await RunAsync(Daemons.Find("ctr") ?? "ctr", "--address", Fixture.Containerd.SocketPath, "--namespace", "k8s.io", "images", "ls");
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(c => c.Length >= 3).ToList();
        var manifest = rows.FirstOrDefault(c => c[0] == image)?[2];
        return manifest is null ? null : rows.FirstOrDefault(c => c[0].StartsWith("sha256:", StringComparison.Ordinal) && c[2] == manifest)?[0];
    }

    private static async Task<string> RunAsync(string executable, params string[] arguments) =>
        (await ProcessRun.RunAsync(executable, arguments)).Output;
}

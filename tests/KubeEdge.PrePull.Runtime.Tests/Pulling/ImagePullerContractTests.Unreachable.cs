using System.Diagnostics;
using System.Net.Sockets;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling;

/// <summary>Dead registries and runtimes, timeouts and cancellation: failures that must come back promptly, named.</summary>
public abstract partial class ImagePullerContractTests<TFixture, TPuller>
{
    [Fact]
    public async Task PullAsync_RegistryStopped_FailsRegistryUnreachableWithinTimeout()
    {
        // Twice the bound below: a pull that only ended at its timeout fails the bound (and reports Timeout instead).
        using var puller = Create(pullTimeout: 2 * Eventually.Timeout);
        var image = await Fixture.Carol.PushImageAsync("stopped/app", "v1");
        await Fixture.Carol.StopAsync();
        var stopwatch = Stopwatch.StartNew();

        var result = await puller.PullAsync(Request(image, Fixture.Carol.Credential("default/carol")), Token);
        Log(result);

        Assert.Equal(PullFailureKind.RegistryUnreachable, result.FailureKind);
        Assert.Contains(image, result.Reason, StringComparison.Ordinal);
        Assert.Contains("registry unreachable", result.Reason, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < Eventually.Timeout, $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task PullAsync_RuntimeSocketMissing_FailsRuntimeUnreachable()
    {
        var socket = Path.Combine(Fixture.TempDir, "no-such-runtime.sock");
        using var puller = CreateForSocket(socket);

        var result = await puller.PullAsync(Request($"{Fixture.Alice.Host}/any/app:v1"), Token);
        Log(result);

        Assert.Equal(PullFailureKind.RuntimeUnreachable, result.FailureKind);
        Assert.Contains(socket, result.Reason, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_RuntimeSocketRefuses_FailsRuntimeUnreachableWithoutHanging()
    {
        Fixture.Require();
        var socketPath = Path.Combine(Fixture.TempDir, "refusing.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

        // Bound but never listening: the file exists and connecting is refused, as with a hung or dying runtime.
        // (Kept open: disposing it would delete the file.)
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));

        using var puller = CreateForSocket(socketPath);
        var stopwatch = Stopwatch.StartNew();

        var result = await puller.PullAsync(Request($"{Fixture.Alice.Host}/any/app:v1"), Token);
        Log(result);

        Assert.Equal(PullFailureKind.RuntimeUnreachable, result.FailureKind);
        Assert.Contains(socketPath, result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", result.Reason, StringComparison.Ordinal);
        // Well under the fixture's one-minute pull timeout: it failed on the refusal, not by running out of time.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(45), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task PullAsync_CancelledMidPull_ReturnsCancelledPromptly()
    {
        // A pull timeout far beyond the wait below: only the cancellation can end this pull in time.
        using var puller = Create(pullTimeout: 10 * Eventually.Timeout);
        var image = $"{Fixture.BlackHole.Host}/hangs/app:v1";
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var before = Fixture.BlackHole.Connections;
        var pull = puller.PullAsync(Request(image), cancellation.Token).AsTask();
        await Eventually.WaitUntilAsync(() => Fixture.BlackHole.Connections > before, "the runtime contacted the registry");

        await cancellation.CancelAsync();
        var result = await Eventually.CompletesAsync(pull, "the cancelled pull returns");
        Log(result);

        Assert.Equal(PullFailureKind.Cancelled, result.FailureKind);
        Assert.Contains(image, result.Reason, StringComparison.Ordinal);
        Assert.Contains("before it finished", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_RegistryNeverAnswers_FailsTimeoutAfterPullTimeout()
    {
        using var puller = Create(pullTimeout: TimeSpan.FromSeconds(2));
        var image = $"{Fixture.BlackHole.Host}/slow/app:v1";

        var result = await puller.PullAsync(Request(image), Token);
        Log(result);

        Assert.Equal(PullFailureKind.Timeout, result.FailureKind);
        Assert.Contains(image, result.Reason, StringComparison.Ordinal);
        Assert.Contains("timed out", result.Reason, StringComparison.Ordinal);
    }
}

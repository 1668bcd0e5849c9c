using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Internal;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.Internal;

public sealed class CredentialAttemptsTests
{
    private static readonly PullCredential First = new("ns/first", "r", "u", "secret-one");
    private static readonly PullCredential Second = new("ns/second", "r", "u", "secret-two");

    [Fact]
    public async Task RunAsync_NoCredentials_TriesOnceAnonymously()
    {
        var tried = new List<PullCredential?>();

        var result = await Run([], (c, _) => { tried.Add(c); return ValueTask.FromResult(AttemptOutcome.Pulled("sha256:1")); });

        Assert.True(result.Succeeded);
        Assert.Null(result.Secret);
        Assert.Equal([null], tried);
    }

    [Fact]
    public async Task RunAsync_RegistryUnreachable_DoesNotTryNextCredential()
    {
        var tried = 0;

        var result = await Run([First, Second], (_, _) => { tried++; return ValueTask.FromResult(AttemptOutcome.Failed(PullFailureKind.RegistryUnreachable, "connection refused")); });

        Assert.Equal(1, tried);
        Assert.Equal(PullFailureKind.RegistryUnreachable, result.FailureKind);
    }

    [Fact]
    public async Task RunAsync_FoundAfterRejection_ReportsNotFoundWithBothSecrets()
    {
        var result = await Run([First, Second], (c, _) => ValueTask.FromResult(c == First
            ? AttemptOutcome.Failed(PullFailureKind.NotFound, "not found")
            : AttemptOutcome.Failed(PullFailureKind.Unauthorized, "401 Unauthorized")));

        Assert.Equal(PullFailureKind.NotFound, result.FailureKind);
        Assert.Contains("with secret ns/first: not found; with secret ns/second: 401 Unauthorized", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RuntimeEchoesSecret_ReasonIsScrubbed()
    {
        var result = await Run([First], (_, _) => ValueTask.FromResult(AttemptOutcome.Failed(PullFailureKind.Other, "bad password secret-one")));

        Assert.DoesNotContain("secret-one", result.Reason, StringComparison.Ordinal);
        Assert.Contains("bad password ***", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PullTimeoutPasses_ReportsTimeout()
    {
        var time = new FakeTimeProvider();
        var request = new PullRequest("n", "img", "img", [First], "Always");

        var pending = CredentialAttempts.RunAsync(request, TimeSpan.FromSeconds(30), time, async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return AttemptOutcome.Pulled("never");
        }, TestContext.Current.CancellationToken).AsTask();
        time.Advance(TimeSpan.FromSeconds(30));
        var result = await pending;

        Assert.Equal(PullFailureKind.Timeout, result.FailureKind);
        Assert.StartsWith("pulling image \"img\": timed out: the pull did not finish within 30s", result.Reason, StringComparison.Ordinal);
    }

    private static ValueTask<PullResult> Run(PullCredential[] credentials, CredentialAttempts.Attempt attempt) =>
        CredentialAttempts.RunAsync(new PullRequest("n", "img", "img", credentials, "Always"), TimeSpan.FromMinutes(1), TimeProvider.System, attempt, TestContext.Current.CancellationToken);
}

using System.Text;
using System.Text.Json;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Status;

namespace KubeEdge.PrePull.Tests.Scheduling;

// docs/design.md §2 "Overrides": fallbackToOriginal in the scheduler, so every backend gets it.
public sealed class ImagePullFallbackTests
{
    private const string Original = "harbor.example.com/team/app:v1";
    private const string Mirror = "mirror.example.com/team/app:v1";
    private const string MirrorPassword = "mirror-pa55word-value";
    private const string OriginalPassword = "harbor-pa55word-value";

    private static readonly PullCredential MirrorCredential = new("edge/mirror-secret", "mirror.example.com", "mirror-user-name", MirrorPassword);
    private static readonly PullCredential OriginalCredential = new("default/harbor-secret", "harbor.example.com", "harbor-user-name", OriginalPassword);

    private static readonly ImagePlan Plan = new(Original, Mirror, [MirrorCredential])
    {
        FallbackImage = Original,
        FallbackCredentials = [OriginalCredential],
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<PullFailureKind> FallbackKinds => new() { PullFailureKind.NotFound, PullFailureKind.Unauthorized, PullFailureKind.RegistryUnreachable };

    public static TheoryData<PullFailureKind> OtherKinds => new()
    {
        PullFailureKind.Timeout, PullFailureKind.Cancelled, PullFailureKind.RuntimeUnreachable, PullFailureKind.InvalidReference, PullFailureKind.Other,
    };

    [Theory]
    [MemberData(nameof(FallbackKinds))]
    public async Task RunAsync_MirrorFailsWithAFallbackKind_PullsTheOriginalWithItsCredentialsAtOnce(PullFailureKind kind)
    {
        var puller = new FakePuller((r, _, _) => ValueTask.FromResult(r.ResolvedImage == Mirror
            ? PullResult.Failure(kind, "mirror says no")
            : PullResult.Success("sha256:abc", r.Credentials[0].Secret)));

        // retryTimes 0: the fallback is made even without a retry left, and without waiting for a backoff.
        var node = (await Start(puller, retryTimes: 0).OutcomeAsync()).Node("node1");

        Assert.Equal(NodeTaskPhases.Successful, node.Phase);
        var image = Assert.Single(node.Images);
        Assert.Equal(Original, image.ResolvedImage);
        Assert.Equal(Mirror, image.FallbackFrom);
        Assert.Equal("default/harbor-secret", image.Secret);
        Assert.Equal(2, image.Attempts);
        Assert.Equal([Mirror, Original], puller.Pulls.Select(p => p.ResolvedImage));
        Assert.Equal([[MirrorCredential], [OriginalCredential]], puller.Pulls.Select(p => p.Credentials));
        Assert.All(puller.Pulls, p => Assert.Equal(Original, p.Image));
    }

    [Theory]
    [MemberData(nameof(OtherKinds))]
    public async Task RunAsync_MirrorFailsOtherwise_NeverFallsBack(PullFailureKind kind)
    {
        var puller = new FakePuller((_, _, _) => ValueTask.FromResult(PullResult.Failure(kind, "no")));

        var node = (await Start(puller, retryTimes: 0).OutcomeAsync()).Node("node1");

        var image = Assert.Single(node.Images);
        Assert.False(image.Succeeded);
        Assert.Null(image.FallbackFrom);
        Assert.Equal(Mirror, image.ResolvedImage);
        Assert.Equal([Mirror], puller.Pulls.Select(p => p.ResolvedImage));
    }

    [Fact]
    public async Task RunAsync_FallbackCountsAsARetry_LaterRetriesPullTheOriginalAfterBackoff()
    {
        var clock = new TestClock();
        var puller = new FakePuller((r, attempt, _) => ValueTask.FromResult(attempt switch
        {
            1 => PullResult.Failure(PullFailureKind.NotFound, "manifest unknown"),
            2 => PullResult.Failure(PullFailureKind.RegistryUnreachable, "connection refused"),
            _ => PullResult.Success("sha256:abc"),
        }));
        var run = Start(puller, retryTimes: 2, clock);

        // Attempt 2 (the fallback) came at once; attempt 3 waits for the first backoff.
        await clock.WaitForTimersAsync(TimeSpan.FromSeconds(2));
        clock.Advance(TimeSpan.FromSeconds(2));
        var image = Assert.Single((await run.OutcomeAsync()).Node("node1").Images);

        Assert.True(image.Succeeded);
        Assert.Equal(3, image.Attempts);
        Assert.Equal([Mirror, Original, Original], puller.Pulls.Select(p => p.ResolvedImage));
        Assert.Equal(Mirror, image.FallbackFrom);
    }

    [Fact]
    public async Task RunAsync_RetryTimesOne_FallbackUsesTheRetry()
    {
        var puller = new FakePuller((_, _, _) => ValueTask.FromResult(PullResult.Failure(PullFailureKind.NotFound, "not found")));

        var image = Assert.Single((await Start(puller, retryTimes: 1).OutcomeAsync()).Node("node1").Images);

        Assert.Equal(2, image.Attempts);
        Assert.Equal([Mirror, Original], puller.Pulls.Select(p => p.ResolvedImage));
    }

    [Fact]
    public async Task RunAsync_BothFail_StatusNamesBothAndCarriesNoSecretByte()
    {
        // Each registry echoes the credentials it was given (a worst case backend), in clear and as docker "auth".
        var puller = new FakePuller((r, _, _) =>
        {
            var c = r.Credentials[0];
            var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.Username}:{c.Password}"));
            return ValueTask.FromResult(PullResult.Failure(
                r.ResolvedImage == Mirror ? PullFailureKind.Unauthorized : PullFailureKind.NotFound,
                $"{r.ResolvedImage}: rejected {c.Username}/{c.Password} auth={auth}"));
        });

        var node = (await Start(puller, retryTimes: 0).OutcomeAsync()).Node("node1");
        var image = Assert.Single(node.Images);
        var status = JsonSerializer.Serialize(NodeStatusConverter.ToStatus(node));

        Assert.False(image.Succeeded);
        Assert.Equal(Original, image.ResolvedImage);
        Assert.Equal(Mirror, image.FallbackFrom);
        Assert.Contains($"fell back from {Mirror}, which failed: {Mirror}: rejected", image.Reason, StringComparison.Ordinal);
        Assert.Contains("\"fallbackFrom\":\"" + Mirror + "\"", status, StringComparison.Ordinal);
        foreach (var secret in new[] { MirrorPassword, OriginalPassword, "mirror-user-name", "harbor-user-name", "pa55word" })
        {
            Assert.DoesNotContain(secret, status, StringComparison.Ordinal);
        }

        foreach (var c in new[] { MirrorCredential, OriginalCredential })
        {
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.Username}:{c.Password}")), status, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_FinalResultOfAnAgentThatFellBack_IsTakenAsItIs()
    {
        var puller = new FakePuller((_, _, _) => ValueTask.FromResult(
            PullResult.Success("sha256:abc") with { Final = true, ResolvedImage = Original, FallbackFrom = Mirror }));

        var image = Assert.Single((await Start(puller, retryTimes: 3).OutcomeAsync()).Node("node1").Images);

        Assert.Equal(Original, image.ResolvedImage);
        Assert.Equal(Mirror, image.FallbackFrom);
        Assert.Single(puller.Pulls);
    }

    [Fact]
    public async Task RunAsync_FinalFailureOfAnAgentThatFellBack_KeepsWhatItReports()
    {
        var puller = new FakePuller((_, _, _) => ValueTask.FromResult(
            PullResult.Failure(PullFailureKind.Other, "both failed") with { Final = true, ResolvedImage = Original, FallbackFrom = Mirror }));

        var image = Assert.Single((await Start(puller, retryTimes: 3).OutcomeAsync()).Node("node1").Images);

        Assert.False(image.Succeeded);
        Assert.Equal("both failed", image.Reason);
        Assert.Equal(Original, image.ResolvedImage);
        Assert.Equal(Mirror, image.FallbackFrom);
    }

    [Fact]
    public async Task RunAsync_FinalFailureOfAnAgent_IsNotFallenBackAgain()
    {
        var puller = new FakePuller((_, _, _) => ValueTask.FromResult(PullResult.Failure(PullFailureKind.NotFound, "no") with { Final = true }));

        var image = Assert.Single((await Start(puller, retryTimes: 3).OutcomeAsync()).Node("node1").Images);

        Assert.Null(image.FallbackFrom);
        Assert.Single(puller.Pulls);
    }

    [Fact]
    public void ToStatusAndBack_KeepsFallbackFrom()
    {
        var node = new NodeTaskResult("node1", NodeTaskPhases.Successful, null, [], [new ImageResult(Original, true, null, Original, "sha256:abc", null, 2) { FallbackFrom = Mirror }]);

        var back = NodeStatusConverter.FromStatus(NodeStatusConverter.ToStatus(node));

        Assert.Equal(Mirror, Assert.Single(back.Images).FallbackFrom);
    }

    private static JobRun Start(FakePuller puller, int retryTimes, TestClock? clock = null) =>
        new JobScheduler(puller, null, clock ?? new TestClock(), () => 0)
            .Start(TestJobs.Nodes(1), new TestPlans(new NodePlan([Plan])), TestJobs.Settings(retryTimes: retryTimes, tolerate: 1m), Ct);
}

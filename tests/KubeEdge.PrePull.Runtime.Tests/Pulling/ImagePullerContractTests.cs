using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling;

/// <summary>
/// What every puller on the node must do, checked against a real runtime and real registries. The CRI and Docker
/// test classes inherit these tests and say how to build their puller and how to look into their runtime.
/// </summary>
public abstract partial class ImagePullerContractTests<TFixture, TPuller>(TFixture fixture)
    where TFixture : RuntimeFixture
    where TPuller : IImagePuller, IDisposable
{
    private const string Node = "edge-1";

    protected TFixture Fixture { get; } = fixture;

    [Fact]
    public async Task PullAsync_RightSecret_PullsAndReportsImageRef()
    {
        using var puller = Create();
        var image = await Fixture.Alice.PushImageAsync("right/app", "v1");

        var result = await puller.PullAsync(Request(image, Fixture.Alice.Credential("default/alice")), Token);
        Log(result);

        Assert.True(result.Succeeded, result.Reason);
        Assert.StartsWith("sha256:", result.ImageRef, StringComparison.Ordinal);
        Assert.Equal("default/alice", result.Secret);
        Assert.False(result.AlreadyPresent);
        Assert.Equal(result.ImageRef, await RuntimeImageIdAsync(image));
    }

    [Fact]
    public async Task PullAsync_WrongPassword_FailsUnauthorized()
    {
        using var puller = Create();
        var image = await Fixture.Alice.PushImageAsync("wrong/app", "v1");

        var result = await puller.PullAsync(Request(image, Fixture.Alice.Credential("default/alice", "not-the-password")), Token);
        Log(result);

        Assert.False(result.Succeeded);
        Assert.Equal(PullFailureKind.Unauthorized, result.FailureKind);
        Assert.Contains(image, result.Reason, StringComparison.Ordinal);
        Assert.Contains("unauthorized", result.Reason, StringComparison.Ordinal);
        Assert.Contains("default/alice", result.Reason, StringComparison.Ordinal);
        Assert.Null(await RuntimeImageIdAsync(image));
    }

    [Fact]
    public async Task PullAsync_UnknownTag_FailsNotFound()
    {
        using var puller = Create();
        await Fixture.Alice.PushImageAsync("missing/app", "v1");
        var image = $"{Fixture.Alice.Host}/missing/app:no-such-tag";

        var result = await puller.PullAsync(Request(image, Fixture.Alice.Credential("default/alice")), Token);
        Log(result);

        Assert.False(result.Succeeded);
        Assert.Equal(PullFailureKind.NotFound, result.FailureKind);
        Assert.Contains(image, result.Reason, StringComparison.Ordinal);
        Assert.Contains("not found", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("unauthorized", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_LayerMissingAfterManifest_FailsNamingTheImage()
    {
        using var puller = Create();
        var image = await Fixture.Bob.PushImageAsync("broken/app", "v1");
        Fixture.Bob.CorruptLayer(image);

        var result = await puller.PullAsync(Request(image, Fixture.Bob.Credential("default/bob")), Token);
        Log(result);

        Assert.False(result.Succeeded);
        Assert.Equal(PullFailureKind.NotFound, result.FailureKind);
        Assert.Contains(image, result.Reason, StringComparison.Ordinal);
        Assert.Null(await RuntimeImageIdAsync(image));
    }

    [Fact]
    public async Task PullAsync_TwoRegistriesTwoSecrets_EachImagePulledWithItsOwnCredential()
    {
        using var puller = Create();
        var fromAlice = await Fixture.Alice.PushImageAsync("two/alice", "v1");
        var fromBob = await Fixture.Bob.PushImageAsync("two/bob", "v1");
        var alice = Fixture.Alice.Credential("default/alice-secret");
        var bob = Fixture.Bob.Credential("default/bob-secret");

        var crossed = await puller.PullAsync(Request(fromBob, alice), Token);
        var first = await puller.PullAsync(Request(fromAlice, alice), Token);
        var second = await puller.PullAsync(Request(fromBob, bob), Token);

        Assert.Equal(PullFailureKind.Unauthorized, crossed.FailureKind);
        Assert.True(first.Succeeded, first.Reason);
        Assert.True(second.Succeeded, second.Reason);
        Assert.Equal("default/alice-secret", first.Secret);
        Assert.Equal("default/bob-secret", second.Secret);
        Assert.NotNull(await RuntimeImageIdAsync(fromAlice));
        Assert.NotNull(await RuntimeImageIdAsync(fromBob));
    }

    [Fact]
    public async Task PullAsync_FirstCredentialWrong_TriesSecondAndSucceeds()
    {
        using var puller = Create();
        var image = await Fixture.Alice.PushImageAsync("second/app", "v1");
        var stale = Fixture.Alice.Credential("default/stale", "an-old-password");
        var current = Fixture.Alice.Credential("default/current");

        var result = await puller.PullAsync(Request(image, stale, current), Token);
        Log(result);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal("default/current", result.Secret);
    }

    [Fact]
    public async Task PullAsync_IfNotPresent_SkipsPresentImageWithoutRegistryRequest()
    {
        using var puller = Create();
        var image = await Fixture.Alice.PushImageAsync("cached/app", "v1");
        var credential = Fixture.Alice.Credential("default/alice");
        var pulled = await puller.PullAsync(Request(image, credential), Token);
        var before = await SettledManifestRequestsAsync("cached/app");

        var skipped = await puller.PullAsync(Request(image, credential) with { PullPolicy = "IfNotPresent" }, Token);
        var afterSkip = await SettledManifestRequestsAsync("cached/app");
        var again = await puller.PullAsync(Request(image, credential), Token);
        await Eventually.WaitUntilAsync(() => Fixture.Alice.ManifestRequests("cached/app") > afterSkip, "the registry's access log shows the Always pull");

        Assert.True(pulled.Succeeded, pulled.Reason);
        Assert.True(before > 0, "the first pull must show in the registry's access log");
        Assert.True(skipped.Succeeded, skipped.Reason);
        Assert.True(skipped.AlreadyPresent);
        Assert.Equal(pulled.ImageRef, skipped.ImageRef);
        Assert.Equal(before, afterSkip);
        Assert.True(again.Succeeded, again.Reason);
        Assert.False(again.AlreadyPresent);
    }

    [Fact]
    public async Task PullAsync_IfNotPresentAndAbsent_Pulls()
    {
        using var puller = Create();
        var image = await Fixture.Bob.PushImageAsync("absent/app", "v1");

        var result = await puller.PullAsync(Request(image, Fixture.Bob.Credential("default/bob")) with { PullPolicy = "IfNotPresent" }, Token);
        Log(result);

        Assert.True(result.Succeeded, result.Reason);
        Assert.False(result.AlreadyPresent);
        Assert.NotNull(await RuntimeImageIdAsync(image));
    }

    [Fact]
    public async Task PullAsync_Failures_NeverRevealThePassword()
    {
        using var puller = Create(pullTimeout: TimeSpan.FromSeconds(2));
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var image = await Fixture.Alice.PushImageAsync("secret/app", "v1");
        var wrong = Fixture.Alice.Credential("default/alice", password);
        var token = new PullCredential("default/token", Fixture.Alice.Host, null, null, identityToken: password, registryToken: password);
        var texts = new List<string?>();

        foreach (var request in new[]
        {
            Request(image, wrong),
            Request(image, wrong, token),
            Request($"{Fixture.Alice.Host}/secret/app:nope", wrong),
            Request($"{Fixture.BlackHole.Host}/secret/app:v1", wrong),
        })
        {
            var result = await puller.PullAsync(request, Token);
            Log(result);
            Assert.False(result.Succeeded);
            texts.AddRange([result.Reason, result.ToString(), request.ToString()]);
        }

        using var missing = CreateForSocket(Path.Combine(Fixture.TempDir, "gone.sock"));
        var unreachable = await missing.PullAsync(Request(image, wrong), Token);
        texts.AddRange([unreachable.Reason, wrong.ToString(), token.ToString()]);

        Assert.All(texts, text => Assert.DoesNotContain(password, text ?? string.Empty, StringComparison.Ordinal));
    }

    /// <summary>Shows the reason in the test output: the words users will read.</summary>
    protected static void Log(PullResult result) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{result.FailureKind}: {result.Reason}");

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected static PullRequest Request(string image, params PullCredential[] credentials) =>
        new(Node, image, image, credentials, "Always");

    /// <summary>A puller for the fixture's runtime; skips the test when the daemons are unavailable.</summary>
    protected TPuller Create(TimeSpan? pullTimeout = null)
    {
        Fixture.Require();
        return CreatePuller(null, pullTimeout);
    }

    protected TPuller CreateForSocket(string socketPath)
    {
        Fixture.Require();
        return CreatePuller(socketPath, null);
    }

    /// <summary>The free-space reading the next <see cref="Create"/> gives its puller; <see langword="null"/> asks the filesystem.</summary>
    protected Func<string, long>? FreeSpace { get; set; }

    /// <summary>Builds the backend's puller, on the fixture's socket unless another is given.</summary>
    protected abstract TPuller CreatePuller(string? socketPath, TimeSpan? pullTimeout);

    /// <summary>The image's ID as the runtime reports it to an independent client, or null when absent.</summary>
    protected abstract Task<string?> RuntimeImageIdAsync(string image);

    /// <summary>
    /// The registry's count of manifest requests for <paramref name="repository"/>, once its access log holds every
    /// request answered so far. The registry logs a request after answering it and the kit reads the log from the
    /// registry's output, so a count read at once can miss the last requests. Instead a marker request goes out now,
    /// after every earlier request was answered; the registry writes the access log in one stream, in order, so once
    /// the marker's line is in, every earlier line is too.
    /// </summary>
    private async Task<int> SettledManifestRequestsAsync(string repository)
    {
        var marker = "log-marker/" + Guid.NewGuid().ToString("N");
        using (var http = new HttpClient())
        {
            // Anonymous: the 401 is logged like any other request.
            using var response = await http.GetAsync(new Uri($"http://{Fixture.Alice.Host}/v2/{marker}/manifests/m"), Token);
        }

        await Eventually.WaitUntilAsync(() => Fixture.Alice.ManifestRequests(marker) > 0, "the registry's access log shows the marker request");
        return Fixture.Alice.ManifestRequests(repository);
    }
}

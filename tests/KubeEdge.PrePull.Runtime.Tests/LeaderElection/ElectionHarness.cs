using k8s;
using k8s.Models;
using KubeEdge.PrePull.Runtime.LeaderElection;
using KubeEdge.PrePull.Runtime.Tests.Caching;
using KubeEdge.PrePull.Testing;
using KubeEdge.PrePull.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.LeaderElection;

/// <summary>An embedded API server, one fake clock shared by every candidate, and the Lease as the server has it.</summary>
internal sealed class ElectionHarness : IAsyncDisposable
{
    public const string LeaseName = "prepull-test";
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan RenewDeadline = TimeSpan.FromSeconds(40);
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(500);
    private readonly List<Candidate> _candidates = [];

    private readonly ApiServerFixture _api;

    private ElectionHarness(ApiServerFixture api) => _api = api;

    public FakeTimeProvider Time { get; } = new();

    public EmbeddedApiServer Server => _api.Server;

    /// <summary>The test's own client, to look at the Lease.</summary>
    public Kubernetes Client => _api.Client;

    public static async Task<ElectionHarness> StartAsync() => new(await ApiServerFixture.StartAsync());

    public Candidate Candidate(string identity, bool releaseOnCancel = true, string leaseNamespace = LeaderElectionOptions.DefaultLeaseNamespace)
    {
        var candidate = new Candidate(_api, Time, new LeaderElectionOptions
        {
            LeaseName = LeaseName,
            LeaseNamespace = leaseNamespace,
            Identity = identity,
            LeaseDuration = LeaseDuration,
            RenewDeadline = RenewDeadline,
            RetryPeriod = RetryPeriod,
            ReleaseOnCancel = releaseOnCancel,
        });
        _candidates.Add(candidate);
        return candidate;
    }

    public Task<V1Lease> LeaseAsync() =>
        Client.CoordinationV1.ReadNamespacedLeaseAsync(LeaseName, LeaderElectionOptions.DefaultLeaseNamespace, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>
    /// Moves the clock in half-second steps, each only once no candidate has a request in flight, so that slow
    /// HTTP on a loaded machine never looks like a missed renewal. A candidate named in <paramref name="notAwaited"/>
    /// does not hold the clock (its request is meant to hang).
    /// </summary>
    public async Task AdvanceUntilAsync(Func<bool> condition, string what, Action? eachStep = null, Candidate? notAwaited = null)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (true)
        {
            await Eventually.WaitUntilAsync(() => _candidates.All(c => c == notAwaited || c.Handler.InFlight == 0), "every candidate is idle");
            eachStep?.Invoke();
            if (condition())
            {
                return;
            }

            if (TimeProvider.System.GetElapsedTime(start) > Eventually.Timeout)
            {
                Assert.Fail($"Timed out waiting until {what} (fake clock at {Time.GetUtcNow():O}).");
            }

            Time.Advance(Step);
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Advances the clock by <paramref name="span"/> in idle-gated steps, checking an invariant at each.</summary>
    public Task AdvanceByAsync(TimeSpan span, Action? eachStep = null)
    {
        var until = Time.GetUtcNow() + span;
        return AdvanceUntilAsync(() => Time.GetUtcNow() >= until, $"{span} passed", eachStep);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var candidate in _candidates)
        {
            await candidate.DisposeAsync();
        }

        await _api.DisposeAsync();
    }
}

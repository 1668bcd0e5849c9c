using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Cri;
using KubeEdge.PrePull.Runtime.Pulling.Docker;
using KubeEdge.PrePull.Runtime.Tests.Pulling.Fixtures;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling;

/// <summary>
/// Real pulls from a registry that rate-limits (the kit's proxy in front of docker-registry), with containerd (CRI)
/// and dockerd: the 429 backs the registry off for every node, the pulls wait, then all succeed without using the
/// job's retries, and the waiting shows in the images' reasons and the budget's reports (docs/design.md §2 "Registry budget").
/// </summary>
public sealed class RateLimitedRegistryTests(RateLimitedFixture fixture) : IClassFixture<RateLimitedFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cri_RegistryAnswers429_EveryNodeWaitsForTheBackoff_ThenSucceeds()
    {
        RateLimitedFixture.Require();
        using var puller = new CriImagePuller(new CriImagePullerOptions { SocketPath = fixture.Containerd.SocketPath, PullTimeout = TimeSpan.FromMinutes(1), ProbeTimeout = TimeSpan.FromSeconds(5) });

        await RunAsync(puller, fixture.CriProxy, "dave/cri-app", RateLimitedFixture.CriRefusals);
    }

    [Fact]
    public async Task Docker_RegistryAnswers429_EveryNodeWaitsForTheBackoff_ThenSucceeds()
    {
        RateLimitedFixture.Require();
        using var puller = new DockerImagePuller(new DockerImagePullerOptions { SocketPath = fixture.Docker.SocketPath, PullTimeout = TimeSpan.FromMinutes(1), ProbeTimeout = TimeSpan.FromSeconds(5) });

        await RunAsync(puller, fixture.DockerProxy, "dave/docker-app", RateLimitedFixture.DockerRefusals);
    }

    private async Task RunAsync(IImagePuller puller, RateLimitingRegistryProxy proxy, string repository, int refusals)
    {
        await fixture.Dave.PushImageAsync(repository, "v1");
        var image = $"{proxy.Host}/{repository}:v1";
        var credential = new PullCredential("default/dave", proxy.Host, fixture.Dave.User, fixture.Dave.Password);
        var plans = new StaticPlans(new NodePlan([new ImagePlan(image, image, [credential])]));
        var listener = new Reports();
        // One pull at a time to the registry, and a short backoff: the proxy's Retry-After is not visible through a runtime.
        var budget = new RegistryBudget(new Dictionary<string, int> { [proxy.Host] = 1 }, backoff: new RetryBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)), listener: listener);
        var settings = new JobSettings(3, TimeSpan.FromMinutes(2), 0, 0m, [], ImagePullPolicies.Always);
        var run = new JobScheduler(puller) { RegistryBudget = budget }
            .Start([NodeTaskResult.Pending("edge-1"), NodeTaskResult.Pending("edge-2"), NodeTaskResult.Pending("edge-3")], plans, settings, Ct);
        var reasons = new List<string>();
        await foreach (var update in run.Updates.ReadAllAsync(Ct))
        {
            if (update.Kind == NodeUpdateKind.ImageWaiting)
            {
                reasons.AddRange(update.Node.Images.Where(i => i.Waiting).Select(i => i.Reason!));
            }
        }

        var outcome = await run.Completion.WaitAsync(Eventually.Timeout, Ct);

        Assert.Equal(JobPhases.Completed, outcome.Phase);
        Assert.All(outcome.Nodes, n => Assert.Equal(NodeTaskPhases.Successful, n.Phase));
        Assert.Equal(refusals, proxy.Rejected);
        Assert.InRange(listener.Backoffs, 1, refusals);
        Assert.Contains(reasons, r => r.StartsWith($"waiting for registry {proxy.Host}: it answered 429 Too Many Requests, no pulls before ", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r == $"waiting for a pull slot of registry {proxy.Host} (its budget of 1 pulls in flight is in use)");
        Assert.True(listener.RateLimitWaits >= 2, $"{listener.RateLimitWaits} images waited for the back-off");
        Assert.Equal(0, budget.InFlight(proxy.Host));
        Assert.DoesNotContain(reasons, r => r.Contains(fixture.Dave.Password, StringComparison.Ordinal));
    }

    private sealed class StaticPlans(NodePlan plan) : INodePlanSource
    {
        public NodePlan GetPlan(string nodeName) => plan;
    }

    private sealed class Reports : IRegistryBudgetListener
    {
        private int _backoffs;
        private int _rateLimitWaits;

        public int Backoffs => Volatile.Read(ref _backoffs);

        public int RateLimitWaits => Volatile.Read(ref _rateLimitWaits);

        public void WaitStarted(string registry, RegistryWaitCause cause)
        {
            if (cause == RegistryWaitCause.RateLimit)
            {
                Interlocked.Increment(ref _rateLimitWaits);
            }
        }

        public void WaitEnded(string registry, RegistryWaitCause cause, TimeSpan waited)
        {
        }

        public void BackedOff(string registry, TimeSpan delay, DateTimeOffset until) => Interlocked.Increment(ref _backoffs);
    }
}

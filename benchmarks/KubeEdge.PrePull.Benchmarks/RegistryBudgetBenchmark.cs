using BenchmarkDotNet.Attributes;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Planning;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Benchmarks;

/// <summary>
/// docs/design.md §2 "Registry budget": 1,000 simulated nodes pulling one image of one registry, 20 ms per pull,
/// concurrency 100. <c>NoBudget</c> is the baseline; <c>BudgetNotBinding</c> has a cap equal to the concurrency, so
/// its ratio is the budget's own overhead (target &lt; 1.05); <c>BudgetCap50</c> halves what may be in flight, so
/// its ideal is 2.0. Every run counts the pulls in flight and fails if one ever exceeded the registry's cap.
/// </summary>
[MemoryDiagnoser]
public class RegistryBudgetBenchmark
{
    public const int Nodes = 1_000;
    public const int Concurrency = 100;
    private const string Image = "harbor.example.com/edge/app:1";
    private static readonly NodePlan Plan = new([new ImagePlan(Image, Image, [])]);

    private readonly IReadOnlyList<NodeTaskResult> _nodes = [.. Enumerable.Range(0, Nodes).Select(i => NodeTaskResult.Pending($"edge-node-{i:D6}"))];
    private readonly JobSettings _settings = new(Concurrency, TimeSpan.FromMinutes(5), 0, 0.1m, [], ImagePullPolicies.IfNotPresent);
    private DelayPuller _delay = null!;
    private CountingPuller _puller = null!;

    [GlobalSetup]
    public void Setup()
    {
        _delay = new DelayPuller(TimeSpan.FromMilliseconds(20));
        _puller = new CountingPuller(_delay);
    }

    [GlobalCleanup]
    public void Cleanup() => _delay.Dispose();

    [Benchmark(Baseline = true)]
    public Task<int> NoBudget() => RunAsync(null, Concurrency);

    [Benchmark]
    public Task<int> BudgetNotBinding() => RunAsync(Concurrency, Concurrency);

    [Benchmark]
    public Task<int> BudgetCap50() => RunAsync(50, 50);

    private async Task<int> RunAsync(int? cap, int allowed)
    {
        _puller.Reset();
        var scheduler = new JobScheduler(_puller)
        {
            RegistryBudget = cap is { } limit ? new RegistryBudget(new Dictionary<string, int> { ["harbor.example.com"] = limit }) : null,
        };
        var run = scheduler.Start(_nodes, new Plans(), _settings);
        await foreach (var _ in run.Updates.ReadAllAsync().ConfigureAwait(false))
        {
        }

        var outcome = await run.Completion.ConfigureAwait(false);
        if (outcome.Phase != JobPhases.Completed || _puller.MaxInFlight > allowed)
        {
            throw new InvalidOperationException($"{outcome.Phase}, at most {_puller.MaxInFlight} pulls in flight (allowed {allowed})");
        }

        return _puller.MaxInFlight;
    }

    private sealed class Plans : INodePlanSource
    {
        public NodePlan GetPlan(string nodeName) => Plan;
    }

    private sealed class CountingPuller(IImagePuller inner) : IImagePuller
    {
        private int _inFlight;
        private int _max;

        public string Name => inner.Name;

        public IReadOnlyCollection<string> SupportedCheckItems => inner.SupportedCheckItems;

        public int MaxInFlight => Volatile.Read(ref _max);

        public void Reset() => _max = 0;

        public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) => inner.CheckAsync(request, cancellationToken);

        public async ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            var max = Volatile.Read(ref _max);
            while (now > max && Interlocked.CompareExchange(ref _max, now, max) != max)
            {
                max = Volatile.Read(ref _max);
            }

            try
            {
                return await inner.PullAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}

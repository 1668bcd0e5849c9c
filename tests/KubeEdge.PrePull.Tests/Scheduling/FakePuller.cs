using System.Collections.Concurrent;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Tests.Scheduling;

/// <summary>A puller whose behaviour a test scripts; it counts calls and in-flight pulls.</summary>
internal sealed class FakePuller : IImagePuller
{
    private readonly Func<PullRequest, int, CancellationToken, ValueTask<PullResult>> _pull;
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private int _inFlight;
    private int _maxInFlight;

    /// <param name="pull">The pull: request, 1-based attempt number for that node and image, token.</param>
    public FakePuller(Func<PullRequest, int, CancellationToken, ValueTask<PullResult>>? pull = null) =>
        _pull = pull ?? ((r, _, _) => ValueTask.FromResult(PullResult.Success("sha256:" + r.ResolvedImage)));

    public string Name => "fake";

    public IReadOnlyCollection<string> SupportedCheckItems { get; init; } = CheckItems.All;

    public Func<CheckRequest, CheckResult> Check { get; init; } = _ => CheckResult.Passed;

    public ConcurrentQueue<PullRequest> Pulls { get; } = new();

    public ConcurrentQueue<CheckRequest> Checks { get; } = new();

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        Checks.Enqueue(request);
        return ValueTask.FromResult(Check(request));
    }

    public async ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        Pulls.Enqueue(request);
        var attempt = _attempts.AddOrUpdate(request.NodeName + "|" + request.Image, 1, (_, n) => n + 1);
        var now = Interlocked.Increment(ref _inFlight);
        var max = Volatile.Read(ref _maxInFlight);
        while (now > max && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
            max = Volatile.Read(ref _maxInFlight);
        }

        try
        {
            return await _pull(request, attempt, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}

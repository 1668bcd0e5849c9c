using System.Collections.Concurrent;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Tests.Scheduling;

/// <summary>
/// A puller whose pulls wait until the test answers them, counting the pulls in flight per registry host (and the
/// most ever), so a test can check a registry budget at every moment rather than after the fact.
/// </summary>
internal sealed class GatedPuller : IImagePuller
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _max = new(StringComparer.Ordinal);
    private int _calls;

    public string Name => "gated";

    public IReadOnlyCollection<string> SupportedCheckItems => CheckItems.All;

    /// <summary>The pulls waiting for an answer, in call order.</summary>
    public ConcurrentQueue<(PullRequest Request, TaskCompletionSource<PullResult> Answer)> Pending { get; } = new();

    public int Calls => Volatile.Read(ref _calls);

    public int InFlight(string registry)
    {
        lock (_gate)
        {
            return _inFlight.GetValueOrDefault(registry);
        }
    }

    public int MaxInFlight(string registry)
    {
        lock (_gate)
        {
            return _max.GetValueOrDefault(registry);
        }
    }

    public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(CheckResult.Passed);

    public async ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        var registry = RegistryBudget.RegistryOf(request.ResolvedImage);
        lock (_gate)
        {
            var now = _inFlight[registry] = _inFlight.GetValueOrDefault(registry) + 1;
            _max[registry] = Math.Max(_max.GetValueOrDefault(registry), now);
        }

        Interlocked.Increment(ref _calls);
        var answer = new TaskCompletionSource<PullResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Pending.Enqueue((request, answer));
        try
        {
            return await answer.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _inFlight[registry]--;
            }
        }
    }

    /// <summary>Answers every pending pull with <paramref name="answer"/>; returns how many.</summary>
    public int AnswerAll(Func<PullRequest, PullResult> answer)
    {
        var n = 0;
        while (Pending.TryDequeue(out var pending))
        {
            pending.Answer.TrySetResult(answer(pending.Request));
            n++;
        }

        return n;
    }
}

using System.Collections.Concurrent;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>
/// Sits between an agent and its real puller: records every pull the agent asks for and what the runtime answered,
/// and can hold the pulls of chosen images until released, so a test can stop an agent or move an entry mid-pull.
/// </summary>
internal sealed class PullLog
{
    private readonly ConcurrentQueue<(string ResolvedImage, PullResult? Result)> _pulls = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);

    /// <summary>Every pull asked for so far, with the runtime's answer (null while held or cancelled).</summary>
    public IReadOnlyList<(string ResolvedImage, PullResult? Result)> Pulls => [.. _pulls];

    /// <summary>Holds every pull of <paramref name="resolvedImage"/> until <see cref="Release"/>.</summary>
    public void Hold(string resolvedImage) => _held.Add(resolvedImage);

    public void Release() => _release.TrySetResult();

    /// <summary>Completes when a pull of <paramref name="resolvedImage"/> has started.</summary>
    public Task Started(string resolvedImage) => StartSignal(resolvedImage).Task.WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);

    /// <summary>How many pulls of <paramref name="resolvedImage"/> reached the runtime (held ones included).</summary>
    public int Count(string resolvedImage) => _pulls.Count(p => p.ResolvedImage == resolvedImage);

    /// <summary>A factory that hands out the inner factory's pullers wrapped by this log.</summary>
    public IJobPullerFactory Wrap(IJobPullerFactory inner) => new Factory(inner, this);

    private TaskCompletionSource StartSignal(string image) =>
        _started.GetOrAdd(image, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private async ValueTask<PullResult> PullAsync(IImagePuller inner, PullRequest request, CancellationToken cancellationToken)
    {
        StartSignal(request.ResolvedImage).TrySetResult();
        if (_held.Contains(request.ResolvedImage))
        {
            _pulls.Enqueue((request.ResolvedImage, null));
            await _release.Task.WaitAsync(cancellationToken);
            return await inner.PullAsync(request, cancellationToken);
        }

        var result = await inner.PullAsync(request, cancellationToken);
        _pulls.Enqueue((request.ResolvedImage, result));
        return result;
    }

    private sealed class Factory(IJobPullerFactory inner, PullLog log) : IJobPullerFactory
    {
        public string Name => inner.Name;

        public IImagePuller CreateForJob(ImagePrePullJob job) => new Puller(inner.CreateForJob(job), log);
    }

    private sealed class Puller(IImagePuller inner, PullLog log) : IImagePuller
    {
        public string Name => inner.Name;

        public IReadOnlyCollection<string> SupportedCheckItems => inner.SupportedCheckItems;

        public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) => inner.CheckAsync(request, cancellationToken);

        public ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken) => log.PullAsync(inner, request, cancellationToken);
    }
}

using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Benchmarks;

/// <summary>A backend whose every pull takes a fixed time (Task.Delay), standing in for a fleet of real nodes.</summary>
internal sealed class DelayPuller(TimeSpan pullTime) : IImagePuller
{
    public string Name => "delay";

    public IReadOnlyCollection<string> SupportedCheckItems { get; } = CheckItems.All;

    public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(CheckResult.Passed);

    public async ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(pullTime, cancellationToken).ConfigureAwait(false);
        return PullResult.Success("sha256:0123456789abcdef");
    }
}

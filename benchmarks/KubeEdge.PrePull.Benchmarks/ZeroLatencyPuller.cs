using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Benchmarks;

/// <summary>A backend that answers at once: what is left to measure is the scheduler's own cost.</summary>
internal sealed class ZeroLatencyPuller : IImagePuller
{
    private static readonly PullResult Pulled = PullResult.Success("sha256:0123456789abcdef");

    public string Name => "zero";

    public IReadOnlyCollection<string> SupportedCheckItems { get; } = CheckItems.All;

    public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(CheckResult.Passed);

    public ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(Pulled);
}

using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Pulling;

/// <summary>
/// Serves one node-local puller (CRI or Docker) to every job run. Runs get a wrapper without Dispose, because a run
/// disposes its puller when it ends and the runtime connection must outlive it; the host disposes the inner puller.
/// </summary>
internal sealed class NodeLocalPullerFactory(IImagePuller puller) : IJobPullerFactory, IDisposable
{
    public string Name => puller.Name;

    public IImagePuller CreateForJob(ImagePrePullJob job) => new Shared(puller);

    public void Dispose() => (puller as IDisposable)?.Dispose();

    private sealed class Shared(IImagePuller inner) : IImagePuller
    {
        public string Name => inner.Name;

        public IReadOnlyCollection<string> SupportedCheckItems => inner.SupportedCheckItems;

        public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) => inner.CheckAsync(request, cancellationToken);

        public ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken) => inner.PullAsync(request, cancellationToken);
    }
}

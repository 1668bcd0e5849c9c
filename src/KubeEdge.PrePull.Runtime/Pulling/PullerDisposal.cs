using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Pulling;

/// <summary>
/// Ends a job's puller, whichever disposal it has: a PodApply puller sweeps its pods and secret copies asynchronously,
/// a node-local one releases its wrapper only.
/// </summary>
internal static class PullerDisposal
{
    public static async ValueTask DisposeAsync(IImagePuller puller)
    {
        switch (puller)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}

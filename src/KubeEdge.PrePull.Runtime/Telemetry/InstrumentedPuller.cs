using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Runtime.Telemetry;

/// <summary>
/// Wraps a job's puller to count and time every pull attempt. It always presents the node-scoped contract and
/// forwards it only when the inner puller has it, so wrapping never hides a puller's cleanup from the scheduler.
/// </summary>
internal sealed class InstrumentedPuller(IImagePuller inner, PrePullMetrics metrics, TimeProvider time) : INodeScopedImagePuller, IAsyncDisposable
{
    public string Name => inner.Name;

    public IReadOnlyCollection<string> SupportedCheckItems => inner.SupportedCheckItems;

    public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) =>
        inner.CheckAsync(request, cancellationToken);

    public async ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var result = "cancelled";
        try
        {
            var pulled = await inner.PullAsync(request, cancellationToken).ConfigureAwait(false);
            result = pulled.Succeeded ? "success" : pulled.FailureKind.ToString().ToLowerInvariant();
            return pulled;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            result = "error";
            throw;
        }
        finally
        {
            metrics.PullFinished(result, inner.Name, time.GetElapsedTime(started));
        }
    }

    public bool PullsOnBegin => inner is INodeScopedImagePuller { PullsOnBegin: true };

    public ValueTask BeginNodeAsync(string nodeName, NodePlan plan, CancellationToken cancellationToken) =>
        inner is INodeScopedImagePuller scoped ? scoped.BeginNodeAsync(nodeName, plan, cancellationToken) : ValueTask.CompletedTask;

    public ValueTask EndNodeAsync(string nodeName, CancellationToken cancellationToken) =>
        inner is INodeScopedImagePuller scoped ? scoped.EndNodeAsync(nodeName, cancellationToken) : ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (inner is IAsyncDisposable asyncDisposable)
        {
            return asyncDisposable.DisposeAsync();
        }

        (inner as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }
}

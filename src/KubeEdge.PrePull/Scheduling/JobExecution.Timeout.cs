using System.Runtime.CompilerServices;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Scheduling;

// One node's run under the node timeout, which counts from dispatch.
internal sealed partial class JobExecution
{
    /// <summary>Runs and closes a node, then ends it; returns whether the puller is done with the node's token.</summary>
    // Not async itself: a node that its backend answers synchronously (and that began nothing to end) costs no state
    // machine here; one that waits continues in RunWaitingNodeAsync.
    private ValueTask<bool> RunNodeAsync(NodeExecution node, NodeWait wait, long dispatchedAt)
    {
        var running = node.RunAsync(node.Cancellation.Token);
        if (!running.IsCompletedSuccessfully)
        {
            return RunWaitingNodeAsync(node, wait, running, dispatchedAt);
        }

        // A backend that answered synchronously: no timer, no task.
        ValueTask ending;
        try
        {
            node.TryClose(running.Result);
        }
        finally
        {
            // After the close: a node-scoped puller removes what it created.
            ending = node.EndAsync();
        }

        return ending.IsCompletedSuccessfully ? new ValueTask<bool>(true) : EndedAsync(ending);
    }

    private static async ValueTask<bool> EndedAsync(ValueTask ending)
    {
        await ending.ConfigureAwait(false);
        return true;
    }

    // Pooled: a node that waits for its backend would otherwise allocate this state machine each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> RunWaitingNodeAsync(NodeExecution node, NodeWait wait, ValueTask<NodeTaskResult?> running, long dispatchedAt)
    {
        try
        {
            // A job's deadline caps the node's (docs/design.md §2 "Execution"): the node then ends as one timed out.
            node.Watch(running, wait, wait.Begin(Math.Min(dispatchedAt + _timeoutInTimestampTicks, _deadlineTimestamp)));
            var end = await wait.WaitAsync().ConfigureAwait(false);
            NodeTaskResult? result;
            if (end == NodeWaitEnd.TimedOut)
            {
                await node.Cancellation.CancelAsync().ConfigureAwait(false);
                result = node.Snapshot(NodeTaskPhases.Unknown, Time.GetTimestamp() >= _deadlineTimestamp ? SchedulerReasons.DeadlinePassed : SchedulerReasons.TimedOut(Settings.Timeout));
            }
            else if (end == NodeWaitEnd.Cancelled)
            {
                await node.Cancellation.CancelAsync().ConfigureAwait(false);
                _cancellationToken.ThrowIfCancellationRequested();
                throw new InvalidOperationException("the job's wait ended as cancelled with a token that is not");
            }
            else
            {
                try
                {
                    result = node.TakeResult();
                }
                catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
                {
                    await node.Cancellation.CancelAsync().ConfigureAwait(false);
                    throw;
                }
#pragma warning disable CA1031 // A bug in one node's run fails that node, never the job.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    result = node.Snapshot(NodeTaskPhases.Failure, ex.Message);
                }
            }

            node.TryClose(result);
            // After a timeout the work may still finish and signal this node's wait: neither the node nor its token
            // is reused then.
            return end == NodeWaitEnd.WorkDone;
        }
        finally
        {
            // After the close, also after a timeout or cancellation: a node-scoped puller removes what it created.
            await node.EndAsync().ConfigureAwait(false);
        }
    }
}

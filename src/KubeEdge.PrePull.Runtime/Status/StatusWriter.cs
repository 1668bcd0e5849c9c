using System.Net;
using System.Threading.Channels;
using k8s;
using k8s.Autorest;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.Controller;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Status;

/// <summary>
/// Writes one job's status with a merge patch on <c>/status</c>. Progress writes are coalesced: at most one per flush
/// interval, each carrying the latest state; the final write goes out at once. A merge patch carries no
/// resourceVersion, so it never loses a race to another writer of other fields; 409s, 429s and 5xx from the server
/// are retried. The core status builder bounds the size.
/// </summary>
internal sealed class StatusWriter
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly IKubernetes _client;
    private readonly string _jobName;
    private readonly string _version;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    // Capacity one, extra marks dropped: any number of updates between two writes wake the writer once.
    private readonly Channel<bool> _dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _lastWrite;

    public StatusWriter(IKubernetes client, string jobName, string version, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _client = client;
        _jobName = jobName;
        _version = version;
        _interval = interval;
        _time = time;
        _logger = logger;
    }

    /// <summary>Says there is something new to write; cheap, called for every node update.</summary>
    public void MarkDirty() => _dirty.Writer.TryWrite(true);

    /// <summary>Writes the latest status whenever something changed, at most once per interval, until cancelled.</summary>
    public async Task RunAsync(Func<ImagePrePullJobStatus> build, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _dirty.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var wait = _interval - _time.GetElapsedTime(Volatile.Read(ref _lastWrite));
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }

                try
                {
                    await WriteAsync(build(), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // A progress write that kept failing is not fatal: the next one carries the same state and more.
                    Log.StatusWriteFailed(_logger, _jobName, MaxAttempts, e);
                    MarkDirty();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run ended; the final write is the caller's.
        }
    }

    /// <summary>Writes a status now, retrying transient errors; returns whether it was written.</summary>
    public async Task<bool> WriteAsync(ImagePrePullJobStatus status, CancellationToken cancellationToken)
    {
        var patch = StatusPatch.For(status);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Volatile.Write(ref _lastWrite, _time.GetTimestamp());
                await _client.CustomObjects.PatchClusterCustomObjectStatusAsync(
                    patch, ImagePrePullJobNames.Group, _version, ImagePrePullJobNames.Plural, _jobName, cancellationToken: cancellationToken).ConfigureAwait(false);
                return true;
            }
            // A 409 here is another writer of the object; the merge patch carries no resourceVersion, so it just goes again.
            catch (HttpOperationException e) when ((e.Response.StatusCode == HttpStatusCode.Conflict || ApiErrors.IsTransient(e.Response.StatusCode)) && attempt < MaxAttempts)
            {
                Log.StatusWriteFailed(_logger, _jobName, attempt, e);
                await Task.Delay(RetryDelay * attempt, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // The job is gone; nothing to write to.
                return false;
            }
        }
    }
}

using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using k8s;
using k8s.Autorest;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.LeaderElection;
using KubeEdge.PrePull.Scheduling;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Status;

/// <summary>
/// Writes one job's status with a merge patch on <c>/status</c>. Progress writes are coalesced: at most one per flush
/// interval, each carrying the latest state; the final write goes out at once, and so does the write after a
/// dispatch to an edge agent (<see cref="FlushNow"/>), since the agent waits for that write. So a job makes at most
/// one write per interval plus one per batch of agent dispatches. Without a guard a merge patch carries no
/// resourceVersion, so it never loses a race to another writer of other fields; 409s, 429s and 5xx are retried.
/// With a guard (edge agents write entries too) each write carries the guard's resourceVersion and a 409 re-reads
/// the job first (<see cref="IStatusWriteGuard"/>). The core status builder bounds the size. Every attempt first
/// checks the leadership fence: a writer whose term is over drops its writes (docs/design.md §3, Fencing). The final
/// write (<see cref="WriteFinalAsync"/>) retries with a growing backoff until it lands or the term is over.
/// </summary>
internal sealed class StatusWriter
{
    private const int MaxAttempts = 5;

    // With edge agents every agent write between two of ours makes our next one conflict once (then re-read and
    // written again); this many in a row means the job changes faster than we can read it.
    private const int MaxConflicts = 50;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    // One more retry delay after each failed attempt.
    private static readonly RetryBackoff Retries = new(RetryDelay, RetryDelay * MaxAttempts, BackoffGrowth.Linear);

    // The final write doubles its delay up to half a minute, with jitter so that many jobs ending in one outage do not
    // come back at once (docs/design.md §3, Fencing and final writes).
    private static readonly RetryBackoff FinalRetries = new(RetryDelay, TimeSpan.FromSeconds(30), BackoffGrowth.Exponential, jitterBelow: 0.2);

    private readonly IKubernetes _client;
    private readonly string _jobName;
    private readonly string _version;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IStatusWriteGuard? _guard;
    private readonly LeadershipFence _fence;
    // Capacity one, extra marks dropped: any number of updates between two writes wake the writer once.
    private readonly Channel<bool> _dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    // Set by FlushNow: the next progress write does not wait for the rest of the interval.
    private readonly Channel<bool> _urgent = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _lastWrite;

    public StatusWriter(IKubernetes client, string jobName, string version, TimeSpan interval, TimeProvider time, ILogger logger, IStatusWriteGuard? guard = null, LeadershipFence? fence = null)
    {
        _guard = guard;
        _fence = fence ?? LeadershipFence.Unelected;
        _client = client;
        _jobName = jobName;
        _version = version;
        _interval = interval;
        _time = time;
        _logger = logger;
    }

    /// <summary>Says there is something new to write; cheap, called for every node update.</summary>
    public void MarkDirty() => _dirty.Writer.TryWrite(true);

    /// <summary>Says there is something new that must go out at once (a node dispatched to its edge agent).</summary>
    public void FlushNow()
    {
        _urgent.Writer.TryWrite(true);
        MarkDirty();
    }

    /// <summary>Writes the latest status whenever something changed, at most once per interval, until cancelled.</summary>
    public Task RunAsync(Func<ImagePrePullJobStatus> build, CancellationToken cancellationToken) =>
        RunAsync(build, cancellationToken, cancellationToken);

    /// <summary>
    /// Writes the latest status whenever something changed, at most once per interval, until <paramref name="stop"/>;
    /// a write already sent when it is stopped is finished (only <paramref name="cancellationToken"/> aborts it), so
    /// the caller's final write is never overtaken by a progress write the server was still handling.
    /// </summary>
    public async Task RunAsync(Func<ImagePrePullJobStatus> build, CancellationToken stop, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _dirty.Reader.ReadAsync(stop).ConfigureAwait(false);
                await WaitForTurnAsync(stop).ConfigureAwait(false);

                // This write carries every change so far, dispatches included.
                _urgent.Reader.TryRead(out _);
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

                stop.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested || cancellationToken.IsCancellationRequested)
        {
            // The run ended; the final write is the caller's.
        }
    }

    /// <summary>Writes a status now, retrying transient errors (and conflicts, re-reading first when guarded); returns whether it was written.</summary>
    public Task<bool> WriteAsync(ImagePrePullJobStatus status, CancellationToken cancellationToken) =>
        WriteAsync(status, final: false, cancellationToken);

    /// <summary>
    /// Writes a run's last status: transient errors, conflicts and an unreachable server are retried with a growing
    /// backoff for as long as it takes (a status outage of minutes loses nothing); it ends when written, when the job
    /// is gone, when the leadership term is over, or when cancelled. Returns whether it was written.
    /// </summary>
    public Task<bool> WriteFinalAsync(ImagePrePullJobStatus status, CancellationToken cancellationToken) =>
        WriteAsync(status, final: true, cancellationToken);

    private async Task<bool> WriteAsync(ImagePrePullJobStatus status, bool final, CancellationToken cancellationToken)
    {
        var conflicts = 0;
        for (var attempt = 1; ; attempt++)
        {
            if (!_fence.IsHeld)
            {
                // Another replica leads now (or may at any moment): the status is its to write.
                Log.StatusWriteFenced(_logger, _jobName);
                return false;
            }

            // The version first, then the entries the guard holds for it: see IStatusWriteGuard.ResourceVersion.
            var resourceVersion = _guard?.ResourceVersion;
            var patch = StatusPatch.For(_guard?.Prepare(status) ?? status, resourceVersion);
            try
            {
                Volatile.Write(ref _lastWrite, _time.GetTimestamp());
                var written = await _client.CustomObjects.PatchClusterCustomObjectStatusAsync(
                    patch, ImagePrePullJobNames.Group, _version, ImagePrePullJobNames.Plural, _jobName, cancellationToken: cancellationToken).ConfigureAwait(false);
                _guard?.Written(ResourceVersionOf(written));
                return true;
            }
            catch (HttpOperationException e) when (_guard is not null && e.Response.StatusCode == HttpStatusCode.Conflict && ++conflicts < MaxConflicts)
            {
                // Another writer (an agent) changed the job since the version we sent: take in what it wrote, go again.
                Log.StatusConflict(_logger, _jobName, conflicts);
                attempt--;
                if (!await RefreshAsync(cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }
            }
            // Unguarded, a 409 is another writer of the object; the merge patch carries no resourceVersion, so it just goes again.
            catch (HttpOperationException e) when ((e.Response.StatusCode == HttpStatusCode.Conflict || ApiErrors.IsTransient(e.Response.StatusCode)) && attempt < MaxAttempts)
            {
                Log.StatusWriteFailed(_logger, _jobName, attempt, e);
                await Task.Delay(Retries.Delay(attempt, 0), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // The job is gone; nothing to write to.
                return false;
            }
            catch (Exception e) when (final && !cancellationToken.IsCancellationRequested && IsRetriedWhenFinal(e))
            {
                Log.StatusWriteFailed(_logger, _jobName, attempt, e);
                await Task.Delay(FinalRetries.Delay(attempt, Random.Shared.NextDouble()), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // The progress writes' rules, without their attempt limit, plus a server that cannot be reached at all.
    private static bool IsRetriedWhenFinal(Exception e) => e switch
    {
        HttpOperationException http => http.Response.StatusCode == HttpStatusCode.Conflict || ApiErrors.IsTransient(http.Response.StatusCode),
        HttpRequestException => true,
        OperationCanceledException => true, // the client's own request timeout
        _ => false,
    };

    /// <summary>Waits out the rest of the flush interval, or less when <see cref="FlushNow"/> is called meanwhile.</summary>
    private async Task WaitForTurnAsync(CancellationToken cancellationToken)
    {
        var wait = _interval - _time.GetElapsedTime(Volatile.Read(ref _lastWrite));
        if (wait <= TimeSpan.Zero || _urgent.Reader.TryPeek(out _))
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, _time, stop.Token);
        var urgent = _urgent.Reader.WaitToReadAsync(stop.Token).AsTask();
        await Task.WhenAny(delay, urgent).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Re-reads the job after a conflict and shows it to the guard; false when the job is gone.</summary>
    private async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        object current;
        try
        {
            current = await _client.CustomObjects.GetClusterCustomObjectAsync(
                ImagePrePullJobNames.Group, _version, ImagePrePullJobNames.Plural, _jobName, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        var job = KubernetesJson.Deserialize<ImagePrePullJob>(current is JsonElement element ? element.GetRawText() : KubernetesJson.Serialize(current));
        _guard!.Observe(job);
        return true;
    }

    private static string? ResourceVersionOf(object? written) =>
        written is JsonElement { ValueKind: JsonValueKind.Object } body
        && body.TryGetProperty("metadata", out var metadata)
        && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("resourceVersion", out var version)
        && version.ValueKind == JsonValueKind.String
            ? version.GetString()
            : null;
}

using System.Net;
using System.Runtime.ExceptionServices;
using k8s;
using k8s.Autorest;

namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>The list-watch loop of <see cref="ListWatchCache{T}"/>.</summary>
internal sealed partial class ListWatchCache<T>
{
    /// <summary>Lists, then watches for ever: until <paramref name="cancellationToken"/> is cancelled. Call it once.</summary>
    /// <param name="cancellationToken">Stops the cache; <see cref="Events"/> then completes.</param>
    /// <returns>A task that completes when stopped; it does not fault on API errors (they are retried).</returns>
    /// <exception cref="InvalidOperationException">When the cache is already running or was run before.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException($"The {Resource} cache runs once; create another one to start again.");
        }

        var mustList = true;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    if (mustList)
                    {
                        await ListAsync(cancellationToken).ConfigureAwait(false);
                        mustList = false;
                    }

                    mustList = await WatchAsync(cancellationToken).ConfigureAwait(false);
                    _failures = 0;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    // A 410 here is a list whose continue token expired, or a watch refused with HTTP 410: start over.
                    mustList |= IsGone(e);
                    _failures++;
                    var delay = _backoff.Delay(_failures, _random.NextDouble());

                    // The timer is armed before the failure is logged, so a clock advanced by whoever reads the log
                    // (a test's fake clock) always moves it.
                    var wait = DelayAsync(delay, cancellationToken);
                    Log.ListWatchFailed(_logger, Resource, _failures, delay, e);
                    await wait.ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _events.Writer.TryComplete();
            Log.Stopped(_logger, Resource);
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var fresh = new Dictionary<string, T>(StringComparer.Ordinal);
        var unreadable = new List<UnreadableObject>();
        string? resourceVersion = null;
        string? continueToken = null;
        do
        {
            var page = await _source.ListAsync(continueToken, _pageSize, cancellationToken).ConfigureAwait(false);

            // Every page of one list is served from the same snapshot: the first page's version is the list's.
            resourceVersion ??= page.ResourceVersion;
            foreach (var item in page.Items)
            {
                fresh[CacheKey.For(item)] = item;
            }

            // Objects that do not bind are kept apart; they never fail the list (docs/design.md §2, Unreadable jobs).
            unreadable.AddRange(page.Unreadable ?? []);

            continueToken = page.Continue;
        }
        while (!string.IsNullOrEmpty(continueToken));

        if (string.IsNullOrEmpty(resourceVersion))
        {
            throw new InvalidOperationException($"The list of {Resource} carried no metadata.resourceVersion to watch from.");
        }

        var (added, updated, deleted) = Replace(fresh, unreadable, resourceVersion);
        if (_synced.TrySetResult())
        {
            Log.Synced(_logger, Resource, fresh.Count, resourceVersion);
        }
        else
        {
            Log.Relisted(_logger, Resource, resourceVersion, added, updated, deleted);
        }
    }

    /// <summary>Watches until the server closes the stream.</summary>
    /// <returns>Whether the resourceVersion expired (410) and a relist is needed.</returns>
    private async Task<bool> WatchAsync(CancellationToken cancellationToken)
    {
        var from = ResourceVersion!;
        Exception? streamError = null;
        var events = _source.WatchAsync(from, e => streamError ??= e, cancellationToken);
        try
        {
            await foreach (var item in events.ConfigureAwait(false))
            {
                Apply(item);
            }
        }
        catch (HttpRequestException e) when (IsEmptyStreamEnd(e))
        {
            // A server closing a watch that sent nothing yet (an idle watch timing out, a restart) is a normal
            // close, not an error: no backoff, no warning.
        }

        if (streamError is null)
        {
            Log.WatchClosed(_logger, Resource, ResourceVersion);
            return false;
        }

        if (IsGone(streamError))
        {
            Log.Expired(_logger, Resource, ResourceVersion);
            return true;
        }

        ExceptionDispatchInfo.Throw(streamError);
        return false;
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping during a backoff is the normal way out; the loop condition sees the cancellation.
        }
    }

    /// <summary>
    /// KubernetesClient peeks at the first line of a watch response and fails with an <see cref="EndOfStreamException"/>
    /// when the body ends before any line arrived.
    /// </summary>
    private static bool IsEmptyStreamEnd(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is EndOfStreamException)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsGone(Exception e) => e switch
    {
        KubernetesException k => k.Status?.Code == (int)HttpStatusCode.Gone,
        HttpOperationException h => h.Response?.StatusCode == HttpStatusCode.Gone,
        _ => false,
    };
}

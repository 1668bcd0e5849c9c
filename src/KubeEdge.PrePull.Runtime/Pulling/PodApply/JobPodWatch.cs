using k8s;
using KubeEdge.PrePull.Runtime.ApiServer;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>
/// The one list and watch of a job run's pull pods, selected by the job's uid label, handed out to each node's
/// <see cref="PodTracker"/> by pod name (docs/design.md §3 "PodApply"): two requests per job run and per watch
/// timeout, none per node. Started by the first tracker, stopped with the puller. Keeps the last state of every pod
/// of the job it saw, so a tracker that registers after the kubelet already moved its pod starts from there. A watch
/// that ends is re-opened from the last resource version; one that fails (e.g. 410 Gone) relists, after
/// <see cref="PodApplyOptions.RetryDelay"/> on errors. Events are read as <see cref="PodState"/>s straight from the
/// stream (<see cref="PodApi"/>, <see cref="PodStateReader"/>), not as full pods.
/// </summary>
internal sealed class JobPodWatch : IAsyncDisposable
{
    private readonly PodApi _api;
    private readonly string _namespace;
    private readonly string _selector;
    private readonly PodApplyOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PodTracker> _trackers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodState> _latest = new(StringComparer.Ordinal);
    private long _registrations;
    private Task? _loop;
    private bool _disposed;

    public JobPodWatch(PodApi api, string ns, string jobUid, PodApplyOptions options, TimeProvider time, ILogger logger)
    {
        _api = api;
        _namespace = ns;
        _selector = PodApplyNames.JobUidLabel + "=" + jobUid;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Follows <paramref name="tracker"/>'s pod from now on, starting the watch if it is not running.</summary>
    public void Register(PodTracker tracker)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            tracker.Registration = ++_registrations;
            _trackers[tracker.Name] = tracker;
            if (_latest.TryGetValue(tracker.Name, out var seen))
            {
                tracker.Offer(seen);
            }

            _loop ??= Task.Run(RunAsync);
        }
    }

    /// <summary>Stops handing events to <paramref name="tracker"/>.</summary>
    public void Unregister(PodTracker tracker)
    {
        lock (_gate)
        {
            if (_trackers.TryGetValue(tracker.Name, out var registered) && ReferenceEquals(registered, tracker))
            {
                _trackers.Remove(tracker.Name);
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            loop = _loop;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        string? resourceVersion = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (resourceVersion is null)
                {
                    long registered;
                    lock (_gate)
                    {
                        registered = _registrations;
                    }

                    var (pods, listVersion) = await _api.ListAsync(_selector, ct).ConfigureAwait(false);
                    ApplyList(pods, registered);
                    resourceVersion = listVersion;
                }

                var events = _api.WatchAsync(_selector, resourceVersion, (int)_options.WatchTimeout.TotalSeconds, ct);
                await foreach (var (type, pod, _) in events.ConfigureAwait(false))
                {
                    if (type == WatchEventType.Error)
                    {
                        resourceVersion = null; // e.g. 410 Gone: relist.
                        break;
                    }

                    if (pod?.ResourceVersion is { Length: > 0 } version)
                    {
                        resourceVersion = version;
                    }

                    if (type != WatchEventType.Bookmark && pod?.Name is { } name)
                    {
                        Apply(name, type == WatchEventType.Deleted ? null : pod, pod);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                resourceVersion = null;
                Log.WatchFailed(_logger, _namespace, _selector, ApiErrors.Describe(e));
                try
                {
                    await Task.Delay(_options.RetryDelay, _time, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One event: <paramref name="pod"/> is the new state, <see langword="null"/> when <paramref name="seen"/> was deleted.</summary>
    private void Apply(string name, PodState? pod, PodState seen)
    {
        lock (_gate)
        {
            if (_latest.TryGetValue(name, out var known) && PodVersions.IsOlder(seen, known))
            {
                return; // A late event of a pod the name had before (deleted and made again).
            }

            if (pod is null)
            {
                _latest.Remove(name);
            }
            else
            {
                _latest[name] = pod;
            }

            if (_trackers.TryGetValue(name, out var tracker))
            {
                if (pod is null)
                {
                    tracker.OfferGone(seen);
                }
                else
                {
                    tracker.Offer(pod);
                }
            }
        }
    }

    /// <summary>
    /// A fresh list: the pods in it are the new states; a tracker whose pod is missing saw it go, unless it registered
    /// after the list was asked for (its pod may be newer than the list).
    /// </summary>
    private void ApplyList(List<PodState> pods, long registeredBefore)
    {
        lock (_gate)
        {
            _latest.Clear();
            foreach (var pod in pods)
            {
                if (pod.Name is { } name)
                {
                    _latest[name] = pod;
                }
            }

            foreach (var (name, tracker) in _trackers)
            {
                if (_latest.TryGetValue(name, out var pod))
                {
                    tracker.Offer(pod);
                }
                else if (tracker.Registration <= registeredBefore)
                {
                    tracker.OfferGone(null);
                }
            }
        }
    }
}

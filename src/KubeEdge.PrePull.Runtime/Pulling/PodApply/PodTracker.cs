using k8s;
using k8s.Models;
using KubeEdge.PrePull.Runtime.ApiServer;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>
/// Follows one pull pod with a list then a watch on its name (one stream per node, however many images), keeps the
/// last state and what each container went through, and wakes waiters on every change. Relists after a watch ends
/// or fails, after <see cref="PodApplyOptions.RetryDelay"/> on errors.
/// </summary>
internal sealed class PodTracker : IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly string _name;
    private readonly PodApplyOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private PodSnapshot _snapshot;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;

    public PodTracker(IKubernetes client, string ns, string name, PodApplyOptions options, TimeProvider time, ILogger logger)
    {
        _client = client;
        _namespace = ns;
        _name = name;
        _options = options;
        _time = time;
        _logger = logger;
        _snapshot = new PodSnapshot(null, false, new Dictionary<string, ContainerHistory>(StringComparer.Ordinal), _changed.Task);
    }

    /// <summary>The last known state.</summary>
    public PodSnapshot Current => Volatile.Read(ref _snapshot);

    /// <summary>Starts following the pod.</summary>
    public void Start(V1Pod created)
    {
        Observe(created);
        _loop = Task.Run(RunAsync);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _changed;
            Volatile.Write(ref _snapshot, _snapshot with { Closed = true, Changed = Task.CompletedTask });
        }

        previous.TrySetResult(); // Wakes pulls still waiting: their node has ended.
    }

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        var selector = "metadata.name=" + _name;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var list = await _client.CoreV1.ListNamespacedPodAsync(_namespace, fieldSelector: selector, cancellationToken: ct).ConfigureAwait(false);
                Observe(list.Items.FirstOrDefault());
                Exception? streamError = null;
                var events = _client.CoreV1.WatchListNamespacedPodAsync(
                    _namespace,
                    allowWatchBookmarks: true,
                    fieldSelector: selector,
                    resourceVersion: list.Metadata.ResourceVersion,
                    timeoutSeconds: (int)_options.WatchTimeout.TotalSeconds,
                    onError: e => streamError = e,
                    cancellationToken: ct);
                await foreach (var (type, pod) in events.ConfigureAwait(false))
                {
                    if (type == WatchEventType.Error)
                    {
                        break; // e.g. 410 Gone: relist.
                    }

                    if (type != WatchEventType.Bookmark)
                    {
                        Observe(type == WatchEventType.Deleted ? null : pod);
                    }
                }

                if (streamError is not null)
                {
                    throw streamError;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.WatchFailed(_logger, _namespace, _name, ApiErrors.Describe(e));
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

    private void Observe(V1Pod? pod)
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            var histories = new Dictionary<string, ContainerHistory>(_snapshot.Histories, StringComparer.Ordinal);
            foreach (var status in pod?.Status?.ContainerStatuses ?? [])
            {
                var waiting = status.State?.Waiting;
                var history = histories.GetValueOrDefault(status.Name) ?? ContainerHistory.Empty;
                histories[status.Name] = history.Next(waiting?.Reason, waiting?.Message, ContainerStatusReader.Read(status));
            }

            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _snapshot, new PodSnapshot(pod, pod is null, histories, _changed.Task));
        }

        previous.TrySetResult();
    }
}

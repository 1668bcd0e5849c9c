namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>
/// Follows one pull pod through the job run's <see cref="JobPodWatch"/> (docs/design.md §3 "PodApply": one watch per
/// job run, none per node), keeps the last state and what each container went through, and wakes waiters on every
/// change. States older than the one it has (by resource version) are ignored, and so is the deletion of a pod the
/// name had before.
/// </summary>
internal sealed class PodTracker : IAsyncDisposable
{
    private readonly JobPodWatch _watch;
    private readonly Lock _gate = new();
    private PodSnapshot _snapshot;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closed;

    public PodTracker(JobPodWatch watch, string name)
    {
        _watch = watch;
        Name = name;
        _snapshot = new PodSnapshot(null, false, new Dictionary<string, ContainerHistory>(StringComparer.Ordinal), _changed.Task);
    }

    /// <summary>The pod's name.</summary>
    public string Name { get; }

    /// <summary>When it registered with the watch (a sequence number of the watch's).</summary>
    public long Registration { get; set; }

    /// <summary>The last known state.</summary>
    public PodSnapshot Current => Volatile.Read(ref _snapshot);

    /// <summary>Starts following the pod, from the state the API server answered its create (or read) with.</summary>
    public void Start(PodState created)
    {
        Offer(created);
        _watch.Register(this);
    }

    /// <summary>A state of the pod seen by the watch; kept unless older than the one known.</summary>
    public void Offer(PodState pod)
    {
        lock (_gate)
        {
            if (_closed || (_snapshot.Pod is { } known && (PodVersions.IsOlder(pod, known) || PodVersions.Same(pod, known))))
            {
                return; // Older, or the state already seen (the create's answer, then its watch event).
            }

            Observe(pod);
        }
    }

    /// <summary>The pod was deleted (<paramref name="seen"/> its last state) or is missing from a list (<see langword="null"/>).</summary>
    public void OfferGone(PodState? seen)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            if (seen is not null && _snapshot.Pod is { } known
                && (PodVersions.IsOlder(seen, known) || !string.Equals(seen.Uid, known.Uid, StringComparison.Ordinal)))
            {
                return; // The deletion of a pod the name had before this one.
            }

            Observe(null);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _watch.Unregister(this);
        TaskCompletionSource previous;
        lock (_gate)
        {
            if (_closed)
            {
                return ValueTask.CompletedTask;
            }

            _closed = true;
            previous = _changed;
            Volatile.Write(ref _snapshot, _snapshot with { Closed = true, Changed = Task.CompletedTask });
        }

        previous.TrySetResult(); // Wakes pulls still waiting: their node has ended.
        return ValueTask.CompletedTask;
    }

    /// <summary>Takes a new state; the caller holds the gate.</summary>
    private void Observe(PodState? pod)
    {
        var histories = new Dictionary<string, ContainerHistory>(_snapshot.Histories, StringComparer.Ordinal);
        foreach (var status in pod?.ContainerStatuses ?? [])
        {
            var history = histories.GetValueOrDefault(status.Name) ?? ContainerHistory.Empty;
            histories[status.Name] = history.Next(status.WaitingReason, status.WaitingMessage, ContainerStatusReader.PhaseOf(status));
        }

        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _snapshot, new PodSnapshot(pod, pod is null, histories, _changed.Task));
        previous.TrySetResult(); // Continuations run asynchronously: nothing runs under the gate.
    }
}

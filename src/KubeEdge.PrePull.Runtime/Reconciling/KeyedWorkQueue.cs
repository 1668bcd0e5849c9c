using System.Threading.Channels;
using KubeEdge.PrePull.Scheduling;

namespace KubeEdge.PrePull.Runtime.Reconciling;

/// <summary>
/// Keys to reconcile, for level-triggered controllers (client-go's workqueue in small): a key waiting in the queue
/// is not queued twice; a key being processed is not handed out again until <see cref="Done"/>, and if it was added
/// meanwhile it is queued again then, so one key is never reconciled twice at once and no change is lost.
/// </summary>
/// <example>
/// <code>
/// while (true)
/// {
///     var key = await queue.TakeAsync(stopping);
///     try { await ReconcileAsync(key); }
///     catch { queue.AddAfter(key, TimeSpan.FromSeconds(5)); }
///     finally { queue.Done(key); }
/// }
/// </code>
/// </example>
internal sealed class KeyedWorkQueue : IReconcileQueue, IDisposable
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly HashSet<string> _processing = new(StringComparer.Ordinal);
    private readonly HashSet<ITimer> _timers = [];
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly RetryBackoff _backoff;
    private readonly Random _random;
    private bool _disposed;

    /// <summary>Creates a queue.</summary>
    /// <param name="time">Clock for <see cref="AddAfter"/> and <see cref="AddRateLimited"/>.</param>
    /// <param name="initialRetry">First delay of <see cref="AddRateLimited"/> (default 1 s, as the scheduler's image retries).</param>
    /// <param name="maxRetry">Cap of that delay (default 30 s).</param>
    /// <param name="random">Jitter source; <see cref="Random.Shared"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="time"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When a delay is not positive or the cap is below the first delay.</exception>
    public KeyedWorkQueue(TimeProvider time, TimeSpan? initialRetry = null, TimeSpan? maxRetry = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        var initial = initialRetry ?? TimeSpan.FromSeconds(1);
        var max = maxRetry ?? TimeSpan.FromSeconds(30);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero, nameof(initialRetry));
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial, nameof(maxRetry));
        _backoff = RetryBackoff.EqualJitter(initial, max);
        _random = random ?? Random.Shared;
    }

    /// <summary>
    /// Queues a key again after a failure, after a delay that doubles with each consecutive failure of that key
    /// (jittered, capped), so one broken object cannot keep a worker busy; <see cref="Forget"/> after a success.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <returns>The delay chosen.</returns>
    /// <exception cref="ArgumentException">When <paramref name="key"/> is empty.</exception>
    public TimeSpan AddRateLimited(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        TimeSpan delay;
        lock (_gate)
        {
            var failures = _failures.GetValueOrDefault(key) + 1;
            _failures[key] = failures;
            delay = _backoff.Delay(failures, _random.NextDouble());
        }

        AddAfter(key, delay);
        return delay;
    }

    /// <summary>Consecutive <see cref="AddRateLimited"/> calls for a key since it was last forgotten.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The count.</returns>
    public int Failures(string key)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(key);
        }
    }

    /// <summary>Resets the retry delay of a key, after it was processed successfully (or deleted).</summary>
    /// <param name="key">The key.</param>
    public void Forget(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            _failures.Remove(key);
        }
    }

    /// <summary>How many distinct keys wait (queued, not yet taken).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queued.Count;
            }
        }
    }

    /// <summary>Queues a key unless it is already waiting; ignored after <see cref="Dispose"/>.</summary>
    /// <param name="key">The key.</param>
    /// <exception cref="ArgumentException">When <paramref name="key"/> is empty.</exception>
    public void Add(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_gate)
        {
            if (_disposed || !_queued.Add(key))
            {
                return;
            }

            // A key in flight goes back to the channel from Done, so two workers never hold it at once.
            if (!_processing.Contains(key))
            {
                _ready.Writer.TryWrite(key);
            }
        }
    }

    /// <summary>Queues a key once <paramref name="delay"/> has passed on the clock (at once if not positive).</summary>
    /// <param name="key">The key.</param>
    /// <param name="delay">How long to wait.</param>
    /// <exception cref="ArgumentException">When <paramref name="key"/> is empty.</exception>
    public void AddAfter(string key, TimeSpan delay)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            ITimer? timer = null;
            timer = _time.CreateTimer(_ => Fire(key, timer!), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timers.Add(timer);
            timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Waits for the next key and marks it as being processed; call <see cref="Done"/> when finished with it.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ChannelClosedException">When the queue was disposed.</exception>
    public async ValueTask<string> TakeAsync(CancellationToken cancellationToken)
    {
        var key = await _ready.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _queued.Remove(key);
            _processing.Add(key);
        }

        return key;
    }

    /// <summary>Ends the processing of a key; if it was added meanwhile, it is handed out again.</summary>
    /// <param name="key">The key from <see cref="TakeAsync"/>.</param>
    public void Done(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (_processing.Remove(key) && _queued.Contains(key) && !_disposed)
            {
                _ready.Writer.TryWrite(key);
            }
        }
    }

    /// <summary>Stops the queue: pending timers are dropped and waiting takers see <see cref="ChannelClosedException"/>.</summary>
    public void Dispose()
    {
        ITimer[] timers;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            timers = [.. _timers];
            _timers.Clear();
            _ready.Writer.TryComplete();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    private void Fire(string key, ITimer timer)
    {
        lock (_gate)
        {
            if (!_timers.Remove(timer))
            {
                return;
            }
        }

        timer.Dispose();
        Add(key);
    }
}

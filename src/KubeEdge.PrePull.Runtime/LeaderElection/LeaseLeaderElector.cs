using System.Globalization;
using k8s;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.LeaderElection;

/// <summary>
/// Leader election on a <c>coordination.k8s.io/v1</c> Lease with every wait and timestamp taken from a
/// <see cref="TimeProvider"/> (KubernetesClient's own elector reads the wall clock). A candidate takes the Lease
/// when it is free, released, or unchanged for its lease duration as measured on the candidate's own clock; the
/// leader renews it every retry period and gives up when it could not renew within the renew deadline.
/// </summary>
/// <example>
/// <code>
/// var elector = new LeaseLeaderElector(client, new LeaderElectionOptions(), TimeProvider.System, logger);
/// await elector.RunAsync(async leading => await RunJobsAsync(leading), stopping);
/// </code>
/// </example>
internal sealed partial class LeaseLeaderElector
{
    private readonly IKubernetes _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly string _namespace;
    private readonly TimeSpan _leaseDuration;
    private readonly TimeSpan _renewDeadline;
    private readonly TimeSpan _retryPeriod;
    private readonly bool _releaseOnCancel;
    private readonly Random _random;
    private volatile bool _isLeader;

    /// <summary>Creates an elector; nothing happens until <see cref="RunAsync"/>.</summary>
    /// <param name="client">The API client.</param>
    /// <param name="options">Lease name, identity and durations; copied here.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="random">Jitter source; <see cref="Random.Shared"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When the options are invalid; the message names every field at fault.</exception>
    public LeaseLeaderElector(IKubernetes client, LeaderElectionOptions options, TimeProvider time, ILogger logger, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var problems = LeaderElectionOptionsValidator.Problems(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _client = client;
        _time = time;
        _logger = logger;
        _random = random ?? Random.Shared;
        _name = options.LeaseName;
        _namespace = options.LeaseNamespace;
        _leaseDuration = options.LeaseDuration;
        _renewDeadline = options.RenewDeadline;
        _retryPeriod = options.RetryPeriod;
        _releaseOnCancel = options.ReleaseOnCancel;
        Identity = options.Identity ?? DefaultIdentity(_random);
    }

    /// <summary>This candidate's identity in the Lease.</summary>
    public string Identity { get; }

    /// <summary>Whether this candidate leads now.</summary>
    public bool IsLeader => _isLeader;

    /// <summary>
    /// The fence of the current (or last) leadership term, set before the work starts; the work checks it before
    /// each write (docs/design.md §3, Fencing).
    /// </summary>
    public LeadershipFence? Fence { get; private set; }

    /// <summary>
    /// Campaigns until elected, runs <paramref name="whileLeading"/> with a token that is cancelled as soon as
    /// leadership is lost, and campaigns again after a loss. Returns when <paramref name="cancellationToken"/> is
    /// cancelled or <paramref name="whileLeading"/> returns by itself; in both cases a held Lease is released (unless
    /// <see cref="LeaderElectionOptions.ReleaseOnCancel"/> is off) so another replica takes over at once instead of
    /// after the lease duration.
    /// </summary>
    /// <param name="whileLeading">The leader's work.</param>
    /// <param name="cancellationToken">Stops campaigning and leading.</param>
    /// <returns>A task; it faults only when <paramref name="whileLeading"/> fails while still leading.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="whileLeading"/> is null.</exception>
    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        while (await AcquireAsync(cancellationToken).ConfigureAwait(false) is { } acquiredAt)
        {
            if (await LeadAsync(whileLeading, acquiredAt, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Tries until the Lease is ours.</summary>
    /// <returns>When the attempt that took it started; <see langword="null"/> when cancelled first.</returns>
    private async Task<DateTimeOffset?> AcquireAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            bool acquired;
            var attemptStart = _time.GetUtcNow();
            try
            {
                // Each attempt gets the renew deadline as its budget: a request the server never answers (a
                // connection lost while this process was frozen) would otherwise end the campaign for good, and a
                // replica that never campaigns again leaves the job without a leader once the others are gone.
                using var attempt = new CancellationTokenSource(_renewDeadline, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
                acquired = await TryAcquireOrRenewAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped in the middle of a Lease call: the same quiet return as when stopped between attempts.
                break;
            }
            catch (OperationCanceledException e)
            {
                // The attempt's own budget ran out: a failed attempt like any other, tried again after the retry period.
                Log.LeaseCallFailed(_logger, Identity, _namespace, _name, e);
                acquired = false;
            }

            if (acquired)
            {
                Log.Acquired(_logger, Identity, _namespace, _name);
                return attemptStart;
            }

            var jittered = _retryPeriod + (_retryPeriod * (LeaderElectionOptionsValidator.JitterFactor * _random.NextDouble()));
            if (!await DelayAsync(jittered, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        return null;
    }

    /// <summary>Runs the work while renewing; releases the Lease unless leadership was lost.</summary>
    /// <returns><see langword="true"/> when done for good (stopped, or the work returned); <see langword="false"/> to campaign again.</returns>
    private async Task<bool> LeadAsync(Func<CancellationToken, Task> whileLeading, DateTimeOffset acquiredAt, CancellationToken cancellationToken)
    {
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _isLeader = true;

        // Renewals count from when they started, not when they returned: the Lease may have been written at the start
        // and a reply that took long (a frozen process) must not stretch the term (docs/design.md §3, Fencing).
        var lastRenewal = acquiredAt;
        var fence = new LeadershipFence(_time, _renewDeadline, acquiredAt);
        Fence = fence;

        // Task.Run: work that blocks before its first await must not stall the renewals.
        var work = Task.Run(() => whileLeading(leading.Token), CancellationToken.None);
        var lost = false;
        try
        {
            while (!cancellationToken.IsCancellationRequested && !work.IsCompleted)
            {
                var tick = Task.Delay(_retryPeriod, _time, cancellationToken);
                await Task.WhenAny(work, tick).ConfigureAwait(false);
                if (work.IsCompleted || cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                var attemptStart = _time.GetUtcNow();
                var reason = await RenewAsync(lastRenewal, cancellationToken).ConfigureAwait(false);
                if (reason is null)
                {
                    lastRenewal = attemptStart;
                    fence.Renewed(attemptStart);
                }
                else if (reason.Length > 0)
                {
                    lost = true;
                    Log.Lost(_logger, Identity, _namespace, _name, reason);
                    break;
                }
            }
        }
        finally
        {
            _isLeader = false;
            if (lost)
            {
                // Before the work hears of the loss: nothing it does from now on reaches the cluster.
                fence.Lose();
            }

            await leading.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await work.ConfigureAwait(false);
        }
        catch (Exception e) when (lost || e is OperationCanceledException)
        {
            // After a loss or a stop the work's end is expected; only log what is not a cancellation.
            if (e is not OperationCanceledException)
            {
                Log.WorkFailed(_logger, Identity, e);
            }
        }
        finally
        {
            // A graceful stop lets the work write what it knows (within the renew deadline) before the Lease goes.
            fence.Lose();
            if (!lost && _releaseOnCancel)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
        }

        return !lost;
    }

    /// <summary>One renewal attempt, bounded by what is left of the renew deadline.</summary>
    /// <returns><see langword="null"/> when renewed; empty to try again; otherwise why leadership is lost.</returns>
    private async Task<string?> RenewAsync(DateTimeOffset lastRenewal, CancellationToken cancellationToken)
    {
        var left = lastRenewal + _renewDeadline - _time.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            using var deadline = new CancellationTokenSource(left, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            if (await TryAcquireOrRenewAsync(linked.Token).ConfigureAwait(false))
            {
                return null;
            }

            if (_observedHolder is { Length: > 0 } holder && holder != Identity)
            {
                return "the Lease is now held by " + holder;
            }
        }

        return _time.GetUtcNow() - lastRenewal >= _renewDeadline
            ? string.Create(CultureInfo.InvariantCulture, $"no renewal succeeded within the renew deadline of {_renewDeadline.TotalSeconds} s")
            : string.Empty;
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string DefaultIdentity(Random random) =>
        Environment.MachineName + "_" + random.Next().ToString("x8", CultureInfo.InvariantCulture);
}

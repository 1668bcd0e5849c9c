using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KubeEdge.PrePull.Runtime.LeaderElection;

/// <summary>Reading and writing the Lease.</summary>
internal sealed partial class LeaseLeaderElector
{
    private (string? Holder, DateTime? RenewTime, int? Transitions) _observed;
    private DateTimeOffset _observedAt;
    private string? _observedHolder;

    /// <summary>The holder this candidate saw last, or <see langword="null"/> before the first read.</summary>
    public string? ObservedLeader => _observedHolder;

    /// <summary>Creates, takes over or renews the Lease when it is ours to have.</summary>
    /// <returns>Whether this candidate holds the Lease now.</returns>
    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        try
        {
            var lease = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                var spec = Record(now, null);
                await CreateAsync(spec, cancellationToken).ConfigureAwait(false);
                Observe(spec, now);
                return true;
            }

            var current = lease.Spec ?? new V1LeaseSpec();
            Observe(current, now);
            if (!string.IsNullOrEmpty(current.HolderIdentity) && current.HolderIdentity != Identity && !Expired(current, now))
            {
                return false;
            }

            // The read's resourceVersion makes the write conditional: two candidates cannot both take the Lease.
            lease.Spec = Record(now, current);
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _name, _namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            Observe(lease.Spec, now);
            return true;
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested || _isLeader)
        {
            // A renewal cut off by the renew deadline lands here too; the caller decides whether that is a loss.
            Log.LeaseCallFailed(_logger, Identity, _namespace, _name, e);
            return false;
        }
    }

    /// <summary>Gives the Lease up so that another candidate need not wait for it to expire.</summary>
    private async Task ReleaseAsync()
    {
        // The caller's token is cancelled by now; the release gets its own budget of one renew deadline.
        using var budget = new CancellationTokenSource(_renewDeadline, _time);
        try
        {
            var lease = await ReadAsync(budget.Token).ConfigureAwait(false);
            if (lease?.Spec?.HolderIdentity != Identity)
            {
                return;
            }

            var now = _time.GetUtcNow().UtcDateTime;
            lease.Spec.HolderIdentity = null;
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.RenewTime = now;
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _name, _namespace, cancellationToken: budget.Token).ConfigureAwait(false);
            Log.Released(_logger, Identity, _namespace, _name);
        }
        catch (Exception e)
        {
            Log.ReleaseFailed(_logger, Identity, _namespace, _name, e);
        }
    }

    /// <summary>
    /// Creates the Lease; when its namespace is missing (a fresh cluster, where nothing has created it yet), creates
    /// the namespace first and tries once more, so the controller can lead before anything else exists.
    /// </summary>
    private async Task CreateAsync(V1LeaseSpec spec, CancellationToken cancellationToken)
    {
        var lease = new V1Lease { Metadata = new V1ObjectMeta { Name = _name, NamespaceProperty = _namespace }, Spec = spec };
        try
        {
            await _client.CoordinationV1.CreateNamespacedLeaseAsync(lease, _namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            await CreateNamespaceAsync(cancellationToken).ConfigureAwait(false);
            await _client.CoordinationV1.CreateNamespacedLeaseAsync(lease, _namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the Lease's namespace; one that another replica created meanwhile (409) is as good.</summary>
    private async Task CreateNamespaceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.CoreV1.CreateNamespaceAsync(
                new V1Namespace { Metadata = new V1ObjectMeta { Name = _namespace } }, cancellationToken: cancellationToken).ConfigureAwait(false);
            Log.NamespaceCreated(_logger, _namespace, _name);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Conflict)
        {
            // Created by someone else between our two calls.
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            Log.NamespaceForbidden(_logger, Identity, _namespace, _name);
            throw;
        }
    }

    private async Task<V1Lease?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _client.CoordinationV1.ReadNamespacedLeaseAsync(_name, _namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Our record: acquire time and transitions kept while we hold it, changed when we take it over.</summary>
    private V1LeaseSpec Record(DateTimeOffset now, V1LeaseSpec? current)
    {
        var ours = current?.HolderIdentity == Identity;
        return new V1LeaseSpec
        {
            HolderIdentity = Identity,
            LeaseDurationSeconds = (int)Math.Ceiling(_leaseDuration.TotalSeconds),
            AcquireTime = ours ? current!.AcquireTime : now.UtcDateTime,
            RenewTime = now.UtcDateTime,
            LeaseTransitions = current is null ? 0 : ours ? current.LeaseTransitions ?? 0 : (current.LeaseTransitions ?? 0) + 1,
        };
    }

    /// <summary>
    /// Remembers when the record last changed, on our clock: expiry is judged from that moment, never from the
    /// record's own timestamps, so a skewed clock elsewhere cannot make us take a live Lease.
    /// </summary>
    private void Observe(V1LeaseSpec spec, DateTimeOffset now)
    {
        var record = (spec.HolderIdentity, spec.RenewTime, spec.LeaseTransitions);
        if (record != _observed)
        {
            _observed = record;
            _observedAt = now;
            if (spec.HolderIdentity is { Length: > 0 } holder && holder != _observedHolder)
            {
                Log.NewLeader(_logger, _namespace, _name, holder);
            }
        }

        _observedHolder = spec.HolderIdentity;
    }

    private bool Expired(V1LeaseSpec spec, DateTimeOffset now) =>
        _observedAt + TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? (int)_leaseDuration.TotalSeconds) <= now;
}

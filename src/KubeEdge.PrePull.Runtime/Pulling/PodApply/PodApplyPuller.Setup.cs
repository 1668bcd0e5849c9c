using System.Net;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Credentials;
using KubeEdge.PrePull.Runtime.ApiServer;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>Creating, adopting and removing the pod and secret copies of a node.</summary>
internal sealed partial class PodApplyPuller
{
    private async Task<List<string>> PrepareSecretsAsync(NodeSession session, NodeSession? shared, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var refs = session.Plan.Images.Where(i => i.Error is null).SelectMany(i => i.Credentials).Select(c => c.Secret).Distinct(StringComparer.Ordinal);
        foreach (var secretRef in refs)
        {
            // Plans name secrets as namespace/name; a bare name lives in the default namespace, as everywhere.
            var reference = SecretReference.Parse(secretRef);
            if (shared is not null && shared.UsableSecrets.Contains(secretRef) && reference.Namespace != _options.Namespace)
            {
                // A fallback pod uses the copy its node's pod already has; that pod's session removes it.
                names.Add(PodApplyNames.SecretCopy(_options.PodNamePrefix, _job.Name, session.Node, reference));
                session.UsableSecrets.Add(secretRef);
                continue;
            }

            if (reference.Namespace == _options.Namespace)
            {
                names.Add(reference.Name);
                session.UsableSecrets.Add(secretRef);
                continue;
            }

            // Read again under the rule: a secret whose opt-in label was taken off since the plan is not copied.
            var source = _factory.SecretGrant is { } grant
                ? await ClusterSecretReader.ReadIfGrantedAsync(_client, reference, grant, cancellationToken).ConfigureAwait(false)
                : await ClusterSecretReader.ReadAsync(_client, reference, cancellationToken).ConfigureAwait(false);
            if (source is null)
            {
                // As the kubelet does with a missing pull secret: go on without it; the image's reason tells.
                Log.SecretSourceMissing(_logger, secretRef, session.Node);
                continue;
            }

            var copyName = PodApplyNames.SecretCopy(_options.PodNamePrefix, _job.Name, session.Node, reference);
            var copy = new V1Secret
            {
                ApiVersion = "v1",
                Kind = "Secret",
                Type = source.Type,
                Data = new Dictionary<string, byte[]>(source.Data, StringComparer.Ordinal),
                Metadata = new V1ObjectMeta
                {
                    Name = copyName,
                    NamespaceProperty = _options.Namespace,
                    Labels = _job.Labels(session.Node),
                    Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [PodApplyNames.SourceSecretAnnotation] = secretRef },
                    OwnerReferences = [_job.OwnerReference()],
                },
            };
            session.CopiedSecrets.Enqueue(copyName);
            await CreateReplacingAsync(
                ct => _client.CoreV1.CreateNamespacedSecretAsync(copy, _options.Namespace, cancellationToken: ct),
                ct => _client.CoreV1.DeleteNamespacedSecretAsync(copyName, _options.Namespace, cancellationToken: ct),
                cancellationToken).ConfigureAwait(false);
            Log.SecretCopied(_logger, secretRef, _options.Namespace, copyName, session.Node);
            names.Add(copyName);
            session.UsableSecrets.Add(secretRef);
        }

        return names;
    }

    /// <summary>Creates the pod (its JSON written from the job's <see cref="PodTemplate"/>), or adopts a matching leftover.</summary>
    private async Task<PodState> CreateOrAdoptPodAsync(NodeSession session, PodContainer[] containers, List<string> secretNames, CancellationToken cancellationToken)
    {
        V1Pod Wanted() => PodManifest.Create(_options.Namespace, session.PodName, session.Node, _job, containers, secretNames, _options);
        for (var attempt = 1; ; attempt++)
        {
            ThrowIfFenced();
            try
            {
                var created = await _api.CreateAsync(w => _template.Write(w, session.PodName, session.Node, containers, secretNames), Wanted, cancellationToken).ConfigureAwait(false);
                Log.PodCreated(_logger, _options.Namespace, session.PodName, session.Node, _job.Name, session.Containers.Count);
                return created;
            }
            catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.Conflict) && attempt < _options.CreateAttempts)
            {
                var existing = await ReadPodAsync(session.PodName, cancellationToken).ConfigureAwait(false);
                if (existing is not null && PodManifest.CanAdopt(existing, Wanted()))
                {
                    Log.PodAdopted(_logger, _options.Namespace, session.PodName, session.Node, _job.Name);
                    return PodState.From(existing);
                }

                if (existing is not null && existing.Metadata.DeletionTimestamp is null)
                {
                    Log.PodReplaced(_logger, _options.Namespace, session.PodName, session.Node, _job.Name);
                    await DeleteAsync("pod", session.PodName, ct => _api.DeleteAsync(session.PodName, ct), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await Task.Delay(_options.RetryDelay, _time, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (ApiErrors.IsTransient(e) && attempt < _options.CreateAttempts)
            {
                // An overloaded or restarting API server: the same create again, a little later each time.
                await Task.Delay(_factory.TransientRetries.Delay(attempt, 0), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<V1Pod?> ReadPodAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.CoreV1.ReadNamespacedPodAsync(name, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.NotFound))
        {
            return null;
        }
    }

    /// <summary>Creates; on a conflict with a leftover of ours, deletes it and tries again.</summary>
    private async Task CreateReplacingAsync(Func<CancellationToken, Task> create, Func<CancellationToken, Task> delete, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            ThrowIfFenced();
            try
            {
                await create(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.Conflict) && attempt < _options.CreateAttempts)
            {
                try
                {
                    await delete(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception d) when (ApiErrors.Is(d, HttpStatusCode.NotFound))
                {
                    // Gone already.
                }

                if (attempt > 1)
                {
                    await Task.Delay(_options.RetryDelay, _time, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (ApiErrors.IsTransient(e) && attempt < _options.CreateAttempts)
            {
                await Task.Delay(_factory.TransientRetries.Delay(attempt, 0), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Before each create: a puller whose leadership term is over makes nothing (docs/design.md §3, Fencing).</summary>
    private void ThrowIfFenced()
    {
        if (!MayWrite)
        {
            throw new InvalidOperationException("this replica no longer leads");
        }
    }

    /// <summary>Deletes the node's pod and secret copies; never throws.</summary>
    private async Task CleanupAsync(NodeSession session, CancellationToken cancellationToken)
    {
        (NodeSession Session, Task SetUp)[] fallbacks;
        lock (session.Fallbacks)
        {
            fallbacks = [.. session.Fallbacks.Values];
            session.Fallbacks.Clear();
        }

        foreach (var (fallback, setUp) in fallbacks)
        {
            // A set-up still under way may be creating the pod: let it end, then remove what it made.
            try
            {
                await setUp.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Cleanup goes on whatever the set-up did; its error is already the session's.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            await CleanupAsync(fallback, cancellationToken).ConfigureAwait(false);
        }

        if (session.Tracker is { } tracker)
        {
            await tracker.DisposeAsync().ConfigureAwait(false);
        }

        if (session.PodMayExist)
        {
            await DeleteAsync("pod", session.PodName, ct => _api.DeleteAsync(session.PodName, ct), cancellationToken).ConfigureAwait(false);
        }

        while (session.CopiedSecrets.TryDequeue(out var copy))
        {
            await DeleteAsync("secret", copy, ct => _client.CoreV1.DeleteNamespacedSecretAsync(copy, _options.Namespace, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes pods and secret copies labelled with the job's uid that no open node owns.</summary>
    private async Task SweepLeftoversAsync(CancellationToken cancellationToken)
    {
        var selector = PodApplyNames.JobUidLabel + "=" + _job.Uid;
        var count = 0;
        try
        {
            foreach (var pod in (await _client.CoreV1.ListNamespacedPodAsync(_options.Namespace, labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false)).Items)
            {
                var name = pod.Metadata.Name;
                count += await DeleteAsync("pod", name, ct => _api.DeleteAsync(name, ct), cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            foreach (var secret in (await _client.CoreV1.ListNamespacedSecretAsync(_options.Namespace, labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false)).Items)
            {
                var name = secret.Metadata.Name;
                count += await DeleteAsync("secret", name, ct => _client.CoreV1.DeleteNamespacedSecretAsync(name, _options.Namespace, cancellationToken: ct), cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.CleanupFailed(_logger, "leftovers of job", _options.Namespace, _job.Name, ApiErrors.Describe(e));
        }

        if (count > 0)
        {
            Log.LeftoversRemoved(_logger, count, _job.Name, _options.Namespace);
        }
    }

    /// <summary>Deletes one object; a missing object is fine; other errors are logged, never thrown.</summary>
    private async Task<bool> DeleteAsync(string kind, string name, Func<CancellationToken, Task> delete, CancellationToken cancellationToken)
    {
        if (!MayWrite)
        {
            Log.ObjectLeft(_logger, kind, _options.Namespace, name);
            return false;
        }

        try
        {
            await delete(cancellationToken).ConfigureAwait(false);
            if (kind == "pod")
            {
                Log.PodDeleted(_logger, _options.Namespace, name);
            }
            else
            {
                Log.SecretDeleted(_logger, _options.Namespace, name);
            }

            return true;
        }
        catch (Exception e) when (ApiErrors.Is(e, HttpStatusCode.NotFound))
        {
            return false;
        }
        catch (Exception e)
        {
            Log.CleanupFailed(_logger, kind, _options.Namespace, name, ApiErrors.Describe(e));
            return false;
        }
    }
}

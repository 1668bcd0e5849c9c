using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Testing.Resources;
using KubeEdge.PrePull.Testing.Storage;

namespace KubeEdge.PrePull.Testing.Fleet;

/// <summary>
/// The kubelets of the simulated fleet: watches pods in the store and, for each pod bound to a Ready simulated
/// node, pulls its containers' images one after another (like a kubelet with serialized pulls) and writes the
/// container statuses a kubelet would write. A pod bound to a NotReady node waits, as it would for an offline
/// kubelet, and starts once the node is Ready again (unless it was deleted meanwhile).
/// </summary>
internal sealed class KubeletSimulator : IAsyncDisposable
{
    private readonly ObjectStore _store;
    private readonly ResourceType _pods;
    private readonly ResourceType _secrets;
    private readonly SimulatedFleet _fleet;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    // Pods bound to a node while it was NotReady, by UID: the node and the pod's namespace and name.
    private readonly ConcurrentDictionary<string, ParkedPod> _parked = new(StringComparer.Ordinal);
    private readonly WatchSubscription _subscription;
    private readonly Task _loop;

    /// <summary>Starts watching pods.</summary>
    /// <param name="store">The store.</param>
    /// <param name="pods">The pods resource.</param>
    /// <param name="secrets">The secrets resource (a pod's <c>imagePullSecrets</c> give a real puller its credentials).</param>
    /// <param name="fleet">The fleet (nodes, readiness, behaviours).</param>
    /// <param name="time">Clock for latency and back-off.</param>
    public KubeletSimulator(ObjectStore store, ResourceType pods, ResourceType secrets, SimulatedFleet fleet, TimeProvider time)
    {
        _store = store;
        _pods = pods;
        _secrets = secrets;
        _fleet = fleet;
        _time = time;
        _subscription = store.Watch(pods, null, store.CurrentResourceVersion, isInternal: true).Subscription;
        fleet.BecameReady += StartParked;
        _loop = Task.Run(LoopAsync);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _fleet.BecameReady -= StartParked;
        await _stop.CancelAsync().ConfigureAwait(false);
        _subscription.Dispose();
        await _loop.ConfigureAwait(false);
        foreach (var pod in _running.Values)
        {
            await pod.CancelAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        try
        {
            await foreach (var change in _subscription.Events.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                var uid = (string)change.Object["metadata"]!["uid"]!;
                if (change.Type == StoredEvent.Deleted || change.Object["metadata"]!["deletionTimestamp"] is not null)
                {
                    _parked.TryRemove(uid, out _);
                    if (_running.TryRemove(uid, out var cancel))
                    {
                        await cancel.CancelAsync().ConfigureAwait(false);
                    }

                    continue;
                }

                var node = (string?)change.Object["spec"]?["nodeName"];
                if (node is null || _running.ContainsKey(uid))
                {
                    continue;
                }

                if (_fleet.IsReady(node))
                {
                    TryStart(uid, change.Object, node);
                    continue;
                }

                // Parked first, then readiness read again: a node that became Ready in between either sees the
                // parked pod (StartParked) or is seen here, and TryRemove lets only one of them start it.
                _parked[uid] = new ParkedPod(node, (string?)change.Object["metadata"]!["namespace"], (string)change.Object["metadata"]!["name"]!);
                if (_fleet.IsReady(node) && _parked.TryRemove(uid, out _))
                {
                    TryStart(uid, change.Object, node);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Server shutdown.
        }
    }

    /// <summary>A node came back: its parked pods start, each as the store has it now (a deleted one stays gone).</summary>
    private void StartParked(string node)
    {
        foreach (var (uid, parked) in _parked)
        {
            if (parked.Node != node || !_parked.TryRemove(uid, out _))
            {
                continue;
            }

            JsonObject pod;
            try
            {
                pod = _store.Get(_pods, parked.Namespace, parked.Name);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                continue;
            }

            if ((string?)pod["metadata"]!["uid"] == uid && pod["metadata"]!["deletionTimestamp"] is null)
            {
                TryStart(uid, pod, node);
            }
        }
    }

    private void TryStart(string uid, JsonObject pod, string node)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        if (!_running.TryAdd(uid, cancel))
        {
            cancel.Dispose();
            return;
        }

        _ = RunPodAsync(pod, node, cancel.Token);
    }

    private async Task RunPodAsync(JsonObject pod, string node, CancellationToken cancellationToken)
    {
        var ns = (string?)pod["metadata"]!["namespace"];
        var name = (string)pod["metadata"]!["name"]!;
        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().ToArray();
        var completes = (string?)pod["spec"]?["restartPolicy"] == "Never";
        var statuses = containers.Select(c => ContainerStatuses.Waiting((string)c["name"]!, (string)c["image"]!, "ContainerCreating", null)).ToArray();
        try
        {
            Write(ns, name, statuses, "Pending");
            var failed = new List<int>();
            for (var i = 0; i < containers.Length; i++)
            {
                var container = containers[i];
                var image = (string)container["image"]!;
                var (imageId, error) = await PullAsync(node, image, (string?)container["imagePullPolicy"], pod, cancellationToken).ConfigureAwait(false);
                statuses[i] = error is null
                    ? ContainerStatuses.Pulled((string)container["name"]!, image, imageId!, completes, _time.GetUtcNow())
                    : ContainerStatuses.Waiting((string)container["name"]!, image, "ErrImagePull", $"Failed to pull image \"{image}\": {error}");
                if (error is not null)
                {
                    failed.Add(i);
                }

                Write(ns, name, statuses, Phase(failed.Count > 0 || i < containers.Length - 1, completes));
            }

            if (failed.Count > 0)
            {
                await Task.Delay(_fleet.BackOffDelay, _time, cancellationToken).ConfigureAwait(false);
                foreach (var i in failed)
                {
                    var image = (string)containers[i]["image"]!;
                    statuses[i] = ContainerStatuses.Waiting((string)containers[i]["name"]!, image, "ImagePullBackOff", $"Back-off pulling image \"{image}\"");
                }

                Write(ns, name, statuses, "Pending");
            }
        }
        catch (Exception e) when (e is OperationCanceledException || (e is ApiException { Code: 404 }))
        {
            // The pod was deleted or the server stopped: a kubelet stops working on it.
        }
    }

    private async Task<(string? ImageId, string? Error)> PullAsync(string node, string image, string? policy, JsonObject pod, CancellationToken cancellationToken)
    {
        if (_fleet.Puller is { } puller)
        {
            PullResult result;
            try
            {
                var credentials = PullSecrets.Credentials(_store, _secrets, pod, image);
                result = await puller.PullAsync(new PullRequest(node, image, image, credentials, policy ?? "IfNotPresent"), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return (null, e.Message);
            }

            return result.Succeeded ? (result.ImageRef ?? ContainerStatuses.DefaultImageId(image), null) : (null, result.Reason ?? "pull failed");
        }

        var behavior = _fleet.BehaviorFor(image);
        if (behavior.Latency > TimeSpan.Zero)
        {
            await Task.Delay(behavior.Latency, _time, cancellationToken).ConfigureAwait(false);
        }

        return behavior.FailureMessage is { } message ? (null, message) : (behavior.ImageId ?? ContainerStatuses.DefaultImageId(image), null);
    }

    private void Write(string? ns, string name, JsonObject[] statuses, string phase)
    {
        var containerStatuses = new JsonArray([.. statuses.Select(s => (JsonNode)s.DeepClone())]);
        _store.Patch(_pods, ns, name, pod =>
        {
            var status = pod["status"] as JsonObject ?? [];
            status["phase"] = phase;
            status["startTime"] ??= ObjectLifecycle.Timestamp(_time.GetUtcNow());
            status["containerStatuses"] = containerStatuses;
            pod["status"] = status.DeepClone();
            return pod;
        }, statusOnly: true);
    }

    private static string Phase(bool pending, bool completes) => pending ? "Pending" : completes ? "Succeeded" : "Running";

    private sealed record ParkedPod(string Node, string? Namespace, string Name);
}

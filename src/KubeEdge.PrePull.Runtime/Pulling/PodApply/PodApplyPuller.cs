using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Runtime.LeaderElection;
using Microsoft.Extensions.Logging;

namespace KubeEdge.PrePull.Runtime.Pulling.PodApply;

/// <summary>
/// The PodApply puller of one job run: per node a pod bound to the node with one container per image, whose
/// container statuses say whether the kubelet pulled each image. The pod and the secrets copied for it are deleted
/// when the node ends, whatever the outcome, and any leftover of the job when the run is disposed. Fenced by the
/// controller's leadership term: a puller whose term is over creates and deletes nothing (docs/design.md §3, Fencing).
/// </summary>
internal sealed partial class PodApplyPuller : INodeScopedImagePuller, IAsyncDisposable, ILeaderFencedPuller, INodeCachedPuller
{
    private readonly IKubernetes _client;
    private readonly PodApplyPullerFactory _factory;
    private readonly PodApplyOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly JobIdentity _job;
    private readonly ConcurrentDictionary<string, NodeSession> _sessions = new(StringComparer.Ordinal);
    private readonly JobPodWatch _watch;
    private readonly PodApi _api;
    private readonly PodTemplate _template;
    private Func<string, V1Node?>? _nodeCache;
    private int _disposed;
    private LeadershipFence _fence = LeadershipFence.Unelected;

    public PodApplyPuller(PodApplyPullerFactory factory, JobIdentity job)
    {
        _factory = factory;
        _client = factory.Client;
        _options = factory.Options;
        _time = factory.Time;
        _logger = factory.Logger;
        _job = job;
        _api = new PodApi(_client, _options.Namespace);
        _template = new PodTemplate(_options.Namespace, job, _options);
        _watch = new JobPodWatch(_api, _options.Namespace, job.Uid, _options, _time, _logger);
    }

    /// <inheritdoc/>
    public string Name => PodApplyPullerFactory.BackendName;

    /// <inheritdoc/>
    public IReadOnlyCollection<string> SupportedCheckItems => NodeConditionChecker.Supported;

    /// <summary>The namespace of the pods.</summary>
    public string Namespace => _options.Namespace;

    /// <inheritdoc/>
    public void Fence(LeadershipFence fence) => _fence = fence;

    /// <inheritdoc/>
    public void UseNodeCache(Func<string, V1Node?> lookup) => _nodeCache = lookup;

    /// <summary>Whether this puller may still create and delete (its leadership term is not over).</summary>
    private bool MayWrite => _fence.IsHeld;

    /// <summary>The pod name for <paramref name="node"/>.</summary>
    public string PodNameFor(string node) => PodApplyNames.Pod(_options.PodNamePrefix, _job.Name, node);

    /// <inheritdoc/>
    public async ValueTask BeginNodeAsync(string nodeName, NodePlan plan, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        ArgumentNullException.ThrowIfNull(plan);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_sessions.TryRemove(nodeName, out var stale))
        {
            await CleanupAsync(stale, cancellationToken).ConfigureAwait(false);
        }

        // Registered before anything is created, so EndNode cleans up whatever part of the setup happened.
        var session = new NodeSession(nodeName, PodNameFor(nodeName), plan);
        _sessions[nodeName] = session;
        if (session.Containers.Count == 0)
        {
            return; // Every image failed planning: those fail without a pod.
        }

        await SetUpPodAsync(session, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates (or adopts) the session's pod and its secret copies; a failure is kept as the session's
    /// <see cref="NodeSession.SetupError"/>. Secrets <paramref name="shared"/> already carries are reused, not copied.
    /// </summary>
    private async Task SetUpPodAsync(NodeSession session, NodeSession? shared, CancellationToken cancellationToken)
    {
        var nodeName = session.Node;
        try
        {
            ThrowIfFenced();
            await _factory.EnsureNamespaceAsync(cancellationToken).ConfigureAwait(false);
            var secretNames = await PrepareSecretsAsync(session, shared, cancellationToken).ConfigureAwait(false);
            session.PodMayExist = true;
            var pod = await CreateOrAdoptPodAsync(session, [.. session.Containers.Values], secretNames, cancellationToken).ConfigureAwait(false);
            var tracker = new PodTracker(_watch, session.PodName);
            session.Tracker = tracker;
            tracker.Start(pod);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            session.SetupError = $"could not set up pull pod {_options.Namespace}/{session.PodName}: {ApiErrors.Describe(e)}";
            Log.NodeSetupFailed(_logger, nodeName, _job.Name, ApiErrors.Describe(e));
        }
    }

    /// <inheritdoc/>
    public ValueTask<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NodeConditionChecker.CheckAsync(_client, _nodeCache, request, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await WaitForImageAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            Log.ImagePulled(_logger, request.NodeName, request.ResolvedImage, result.ImageRef);
        }
        else
        {
            Log.ImagePullFailed(_logger, request.NodeName, result.Reason ?? request.ResolvedImage);
        }

        return result;
    }

    /// <summary>The kubelet pulls every image once the pod exists, so the registry budget gives the node its slots first (docs/design.md §2 "Registry budget").</summary>
    public bool PullsOnBegin => true;

    /// <inheritdoc/>
    public async ValueTask EndNodeAsync(string nodeName, CancellationToken cancellationToken)
    {
        if (nodeName is not null && _sessions.TryRemove(nodeName, out var session))
        {
            await CleanupAsync(session, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends every node still open and removes any leftover of the job (e.g. of a previous controller process).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var node in _sessions.Keys.ToArray())
        {
            await EndNodeAsync(node, CancellationToken.None).ConfigureAwait(false);
        }

        await _watch.DisposeAsync().ConfigureAwait(false);

        if (!MayWrite)
        {
            // The new leader owns the job's pods and copies now: it adopts them, or sweeps them when the job ends.
            Log.LeftToNewLeader(_logger, _job.Name, _options.Namespace);
            return;
        }

        await SweepLeftoversAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The session of the pod that pulls <paramref name="image"/>, the fallback of <paramref name="planned"/>; set up once.</summary>
    private async Task<NodeSession> FallbackSessionAsync(NodeSession session, ImagePlan planned, string image, CancellationToken cancellationToken)
    {
        (NodeSession Session, Task SetUp) fallback;
        lock (session.Fallbacks)
        {
            if (!session.Fallbacks.TryGetValue(image, out fallback))
            {
                var plan = new NodePlan([new ImagePlan(planned.Image, image, planned.FallbackCredentials)]);
                var podName = PodApplyNames.FallbackPod(_options.PodNamePrefix, _job.Name, session.Node, image);
                var created = new NodeSession(session.Node, podName, plan);
                fallback = (created, SetUpPodAsync(created, session, cancellationToken));
                session.Fallbacks.Add(image, fallback);
            }
        }

        await fallback.SetUp.WaitAsync(cancellationToken).ConfigureAwait(false);
        return fallback.Session;
    }

    private async ValueTask<PullResult> WaitForImageAsync(PullRequest request, CancellationToken cancellationToken)
    {
        var image = request.ResolvedImage;
        if (!_sessions.TryGetValue(request.NodeName, out var session))
        {
            return PullResult.Failure(PullFailureKind.Other, $"image {image}: node {request.NodeName} was not begun on the podapply puller");
        }

        var planned = session.Plan.Images.FirstOrDefault(i => i.Image == request.Image && i.Error is not null);
        if (planned is not null)
        {
            return PullResult.Failure(PullFailureKind.InvalidReference, $"image {request.Image}: {planned.Error}");
        }

        if (!session.Containers.ContainsKey(image)
            && session.Plan.Images.FirstOrDefault(i => i.Image == request.Image && i.FallbackImage == image) is { } fallbackOf)
        {
            // The overridden reference failed: the original comes down in a pod of its own, with its own secrets.
            session = await FallbackSessionAsync(session, fallbackOf, image, cancellationToken).ConfigureAwait(false);
        }

        if (session.SetupError is { } setupError)
        {
            return PullResult.Failure(PullFailureKind.Other, $"image {image}: {setupError}");
        }

        if (!session.Containers.TryGetValue(image, out var container) || session.Tracker is not { } tracker)
        {
            return PullResult.Failure(PullFailureKind.Other, $"image {image} is not in the plan of node {request.NodeName}");
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var snapshot = tracker.Current;
            if (PodOutcome.Read(snapshot, container, session, request) is { } result)
            {
                return result;
            }

            await snapshot.Changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

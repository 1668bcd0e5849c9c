using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Status;

namespace KubeEdge.PrePull.Runtime.Tests.Agents;

/// <summary>
/// A stand-in for an edge agent that tests the controller's dispatcher alone: it polls the job through its own
/// client, and when the job and its own entry are <c>InProgress</c> it writes the result its script gives, exactly as
/// the protocol says (one JSON patch on <c>/status</c>: two <c>test</c>s, one <c>replace</c>; re-read and retry on a
/// failed test or 409; drop the result once its entry is no longer <c>InProgress</c>). It pulls nothing.
/// </summary>
internal sealed class ScriptedAgent : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private readonly Kubernetes _client;
    private readonly string _job;
    private readonly Func<ImagePrePullJob, NodeTaskResult?> _script;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private int _writes;
    private int _refusals;
    private NodeTaskResult? _answered;

    /// <param name="client">Its own client (agents do not share the controller's).</param>
    /// <param name="job">The job it serves.</param>
    /// <param name="node">Its node.</param>
    /// <param name="script">Its node's result for the job as it sees it; <see langword="null"/> never answers.</param>
    public ScriptedAgent(Kubernetes client, string job, string node, Func<ImagePrePullJob, NodeTaskResult?> script)
    {
        _client = client;
        _job = job;
        Node = node;
        _script = script;
    }

    public string Node { get; }

    /// <summary>The entry it wrote successfully, once it did.</summary>
    public ImagePrePullNodeTaskStatus? Reported { get; private set; }

    /// <summary>Whether it dropped its result because its entry was no longer <c>InProgress</c>.</summary>
    public bool Dropped { get; private set; }

    /// <summary>Status patches it sent (accepted or not).</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Patches the server refused with 409 or 422 (a failed test), each followed by a re-read.</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    /// <summary>A successful result for every image of the job, with the image as the resolved reference.</summary>
    public static NodeTaskResult Success(string node, ImagePrePullJob job, DateTimeOffset time) =>
        new(
            node,
            NodeTaskPhases.Successful,
            null,
            [new ActionResult(NodeActions.Pull, true, null, time)],
            [.. job.Spec.ImagePrePullTemplate!.Images!.Select(i => new ImageResult(i, true, null, i, "sha256:" + node + "-" + i.Replace(':', '-').Replace('/', '-'), null, 1))]);

    public ScriptedAgent Start()
    {
        _loop = RunAsync(_stop.Token);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (Reported is null && !Dropped)
        {
            await Task.Delay(Poll, cancellationToken);
            var job = await ReadAsync(cancellationToken);
            var index = job?.Status?.NodeStatus?.ToList().FindIndex(e => e.NodeName == Node) ?? -1;
            if (index < 0 || job!.Status!.Phase != JobPhases.InProgress)
            {
                continue;
            }

            if (job.Status.NodeStatus![index].Phase != NodeTaskPhases.InProgress)
            {
                // Not dispatched yet; or, with a result in hand, timed out by the controller meanwhile: drop it.
                Dropped = _answered is not null;
                continue;
            }

            _answered ??= _script(job);
            if (_answered is null)
            {
                continue;
            }

            await TryWriteAsync(index, NodeStatusConverter.ToStatus(_answered), cancellationToken);
        }
    }

    private async Task TryWriteAsync(int index, ImagePrePullNodeTaskStatus entry, CancellationToken cancellationToken)
    {
        var path = "/status/nodeStatus/" + index;
        var patch = new JsonArray
        {
            new JsonObject { ["op"] = "test", ["path"] = path + "/nodeName", ["value"] = Node },
            new JsonObject { ["op"] = "test", ["path"] = path + "/phase", ["value"] = NodeTaskPhases.InProgress },
            new JsonObject { ["op"] = "replace", ["path"] = path, ["value"] = JsonNode.Parse(KubernetesJson.Serialize(entry)) },
        };
        Interlocked.Increment(ref _writes);
        try
        {
            await _client.CustomObjects.PatchClusterCustomObjectStatusAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch),
                ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, _job, cancellationToken: cancellationToken);
            Reported = entry;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
        {
            // The entry moved or changed: the next round re-reads the job and finds it again by name.
            Interlocked.Increment(ref _refusals);
        }
        catch (HttpOperationException e) when ((int)e.Response.StatusCode >= 500)
        {
            // Transient: the next round tries again.
        }
    }

    private async Task<ImagePrePullJob?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var json = await _client.CustomObjects.GetClusterCustomObjectAsync(
                ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, _job, cancellationToken);
            return KubernetesJson.Deserialize<ImagePrePullJob>(KubernetesJson.Serialize(json));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound || (int)e.Response.StatusCode >= 500)
        {
            return null;
        }
    }
}

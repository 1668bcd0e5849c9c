using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Serialization;

namespace KubeEdge.PrePull.Runtime.Jobs;

/// <summary>The operations of <see cref="IImagePrePullJobClient{TJob}"/> at one version, over the custom-objects API (docs/design.md §3 "Hosting").</summary>
/// <typeparam name="TJob">The version's model.</typeparam>
internal sealed class JobVersionClient<TJob> : IImagePrePullJobClient<TJob>
    where TJob : class, IKubernetesObject<V1ObjectMeta>, ISpec<ImagePrePullJobSpec>, IStatus<ImagePrePullJobStatus?>
{
    private const int ApplyAttempts = 5;
    private const int PageSize = 500;

    // After a watch fails for another reason than an expired resourceVersion, the next attempt waits this long.
    private static readonly TimeSpan WatchRetryDelay = TimeSpan.FromSeconds(1);

    private readonly IKubernetes _client;
    private readonly TimeProvider _time;
    private readonly string _version;

    /// <summary>Creates the client of one version.</summary>
    /// <param name="client">The API client.</param>
    /// <param name="time">Clock for the wait between failed watches.</param>
    /// <param name="version">The version, e.g. <c>v1alpha2</c>.</param>
    public JobVersionClient(IKubernetes client, TimeProvider time, string version)
    {
        _client = client;
        _time = time;
        _version = version;
    }

    /// <inheritdoc />
    public string ApiVersion => ImagePrePullJobNames.Group + "/" + _version;

    /// <inheritdoc />
    public async Task<TJob> CreateAsync(TJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var created = await _client.CustomObjects.CreateClusterCustomObjectAsync(
            AtThisVersion(job), ImagePrePullJobNames.Group, _version, ImagePrePullJobNames.Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Read(created);
    }

    /// <inheritdoc />
    public Task<TJob> CreateFromYamlAsync(string document, CancellationToken cancellationToken = default) =>
        CreateAsync(FromDocument(document), cancellationToken);

    /// <inheritdoc />
    public async Task<TJob> ApplyAsync(TJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var name = job.Metadata?.Name;
        ArgumentException.ThrowIfNullOrEmpty(name, "job.metadata.name");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var current = await GetAsync(name, cancellationToken).ConfigureAwait(false);
                if (current is null)
                {
                    return await CreateAsync(job, cancellationToken).ConfigureAwait(false);
                }

                current.Spec = job.Spec;
                current.Metadata.Labels = Merge(current.Metadata.Labels, job.Metadata?.Labels);
                current.Metadata.Annotations = Merge(current.Metadata.Annotations, job.Metadata?.Annotations);
                var updated = await _client.CustomObjects.ReplaceClusterCustomObjectAsync(
                    AtThisVersion(current), ImagePrePullJobNames.Group, _version, ImagePrePullJobNames.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
                return Read(updated);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < ApplyAttempts)
            {
                // Someone wrote in between (or created it first): read it again and re-apply.
            }
        }
    }

    /// <inheritdoc />
    public Task<TJob> ApplyYamlAsync(string document, CancellationToken cancellationToken = default) =>
        ApplyAsync(FromDocument(document), cancellationToken);

    /// <inheritdoc />
    public async Task<TJob?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            var found = await _client.CustomObjects.GetClusterCustomObjectAsync(
                ImagePrePullJobNames.Group, _version, ImagePrePullJobNames.Plural, name, cancellationToken).ConfigureAwait(false);
            return Read(found);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TJob>> ListAsync(string? labelSelector = null, CancellationToken cancellationToken = default)
    {
        var jobs = new List<TJob>();
        string? continueToken = null;
        do
        {
            var page = await _client.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(
                ImagePrePullJobNames.Group, _version, ImagePrePullJobNames.Plural, continueParameter: continueToken, labelSelector: labelSelector, limit: PageSize, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var item in (page?["items"] as JsonArray ?? []).OfType<JsonObject>())
            {
                jobs.Add(Read(item));
            }

            continueToken = (string?)page?["metadata"]?["continue"];
        }
        while (!string.IsNullOrEmpty(continueToken));

        return jobs;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<(WatchEventType Type, TJob Job)> WatchAsync(string? name = null, string? resourceVersion = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Exception? error = null;
        var events = _client.CustomObjects.WatchListClusterCustomObjectAsync(
            ImagePrePullJobNames.Group,
            _version,
            ImagePrePullJobNames.Plural,
            fieldSelector: name is null ? null : "metadata.name=" + name,
            resourceVersion: resourceVersion,
            onError: e => error ??= e,
            cancellationToken: cancellationToken);
        await foreach (var (type, obj) in events.ConfigureAwait(false))
        {
            if (type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)
            {
                yield return (type, Read(obj));
            }
        }

        if (error is not null)
        {
            throw error as KubernetesException ?? new KubernetesException("the watch of imageprepulljobs failed: " + error.Message, error);
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            await _client.CustomObjects.DeleteClusterCustomObjectAsync(
                ImagePrePullJobNames.Group, _version, ImagePrePullJobNames.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<TJob> WaitForCompletionAsync(string name, IProgress<TJob>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string? reported = null;
        bool Report(TJob job)
        {
            if (job.Metadata.ResourceVersion is not { } version || version != reported)
            {
                reported = job.Metadata.ResourceVersion;
                progress?.Report(job);
            }

            return job.Status?.Phase is JobPhases.Completed or JobPhases.Failure;
        }

        while (true)
        {
            var job = await GetAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"There is no ImagePrePullJob \"{name}\".");
            if (Report(job))
            {
                return job;
            }

            var failed = false;
            try
            {
                await foreach (var (type, seen) in WatchAsync(name, job.Metadata.ResourceVersion, cancellationToken).ConfigureAwait(false))
                {
                    if (type == WatchEventType.Deleted)
                    {
                        throw new InvalidOperationException($"The ImagePrePullJob \"{name}\" was deleted before it finished (phase {seen.Status?.Phase ?? "none"}).");
                    }

                    if (Report(seen))
                    {
                        return seen;
                    }
                }
            }
            catch (Exception e) when (e is KubernetesException or HttpOperationException or HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // 410 (the resourceVersion is too old) reads the job again at once; other failures after a pause.
                failed = e is not KubernetesException { Status.Code: (int)HttpStatusCode.Gone };
            }

            if (failed)
            {
                await Task.Delay(WatchRetryDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private TJob FromDocument(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var parsed = ImagePrePullJobSerializer.Deserialize(document);
        return Read(JsonNode.Parse(KubernetesJson.Serialize(parsed))!);
    }

    // Both versions share one schema (conversion None): a job of the other version is this one's with another apiVersion.
    private TJob AtThisVersion(TJob job)
    {
        job.ApiVersion = ApiVersion;
        job.Kind = ImagePrePullJobNames.Kind;
        return job;
    }

    private TJob Read(object? obj)
    {
        var node = obj switch
        {
            JsonNode n => n,
            JsonElement e => JsonNode.Parse(e.GetRawText()),
            _ => JsonNode.Parse(KubernetesJson.Serialize(obj)),
        };
        if (node is not JsonObject item)
        {
            throw new InvalidOperationException("The server answered with something other than an ImagePrePullJob object.");
        }

        item["apiVersion"] = ApiVersion;
        item["kind"] = ImagePrePullJobNames.Kind;
        return KubernetesJson.Deserialize<TJob>(item.ToJsonString());
    }

    private static IDictionary<string, string>? Merge(IDictionary<string, string>? current, IDictionary<string, string>? desired)
    {
        if (desired is null || desired.Count == 0)
        {
            return current;
        }

        var merged = current is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (key, value) in desired)
        {
            merged[key] = value;
        }

        return merged;
    }
}

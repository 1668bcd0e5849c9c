using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.ApiServer;
using KubeEdge.PrePull.Serialization;

namespace KubeEdge.PrePull.Runtime.Caching;

/// <summary>
/// Lists and watches a cluster-scoped custom resource, e.g. ImagePrePullJobs. Every object is read on its own: one
/// that does not bind to <typeparamref name="T"/> (a server stores what its schema lets through, and schemas have
/// gaps, other versions and other writers) comes back as an <see cref="UnreadableObject"/> naming the field, and the
/// rest of the list or watch goes on (docs/design.md §2, Unreadable jobs).
/// </summary>
/// <typeparam name="T">The typed model.</typeparam>
internal sealed class ClusterCustomObjectSource<T> : IListWatchSource<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private static readonly string? EntityKind = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()?.Kind;

    private readonly IClusterApi _api;
    private readonly string _group;
    private readonly string _version;
    private readonly string _plural;
    private readonly string? _labelSelector;
    private readonly Func<JsonObject, T> _read;

    /// <summary>Creates the source.</summary>
    /// <param name="client">The API client.</param>
    /// <param name="group">API group.</param>
    /// <param name="version">API version to list and watch in.</param>
    /// <param name="plural">Resource plural.</param>
    /// <param name="labelSelector">Only objects matching it, or <see langword="null"/> for all.</param>
    /// <param name="read">
    /// Reads one object; throws an <see cref="ImagePrePullJobFormatException"/> or a <see cref="JsonException"/> when
    /// it does not bind. <see langword="null"/> for the KubernetesClient deserializer.
    /// </param>
    public ClusterCustomObjectSource(IKubernetes client, string group, string version, string plural, string? labelSelector = null, Func<JsonObject, T>? read = null)
        : this(new KubernetesClientApi(client ?? throw new ArgumentNullException(nameof(client))), group, version, plural, labelSelector, read ?? (node => KubernetesJson.Deserialize<T>(node.ToJsonString())))
    {
    }

    /// <summary>Creates the source over either transport (docs/design.md §3 "The edge agent on a small device").</summary>
    /// <param name="api">The API calls.</param>
    /// <param name="group">API group.</param>
    /// <param name="version">API version to list and watch in.</param>
    /// <param name="plural">Resource plural.</param>
    /// <param name="labelSelector">Only objects matching it, or <see langword="null"/> for all.</param>
    /// <param name="read">
    /// Reads one object; throws an <see cref="ImagePrePullJobFormatException"/> or a <see cref="JsonException"/> when
    /// it does not bind.
    /// </param>
    public ClusterCustomObjectSource(IClusterApi api, string group, string version, string plural, string? labelSelector, Func<JsonObject, T> read)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentException.ThrowIfNullOrWhiteSpace(group);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(plural);
        _api = api;
        _group = group;
        _version = version;
        _plural = plural;
        _labelSelector = labelSelector;
        _read = read;
    }

    /// <inheritdoc />
    public string Resource => _plural + "." + _group;

    /// <summary>A source of ImagePrePullJobs in their storage version, read with the field-naming job reader.</summary>
    /// <param name="client">The API client.</param>
    /// <returns>The source.</returns>
    public static ClusterCustomObjectSource<ImagePrePullJob> ImagePrePullJobs(IKubernetes client) =>
        ImagePrePullJobs(new KubernetesClientApi(client));

    /// <summary>A source of ImagePrePullJobs in their storage version over either transport, read with the field-naming job reader.</summary>
    /// <param name="api">The API calls.</param>
    /// <returns>The source.</returns>
    public static ClusterCustomObjectSource<ImagePrePullJob> ImagePrePullJobs(IClusterApi api) =>
        new(api, ImagePrePullJobNames.Group, ImagePrePullJobNames.V1Alpha2, ImagePrePullJobNames.Plural, null, ImagePrePullJobSerializer.FromNode);

    /// <inheritdoc />
    public async Task<ListPage<T>> ListAsync(string? continueToken, int limit, CancellationToken cancellationToken)
    {
        // The list as a JSON tree, so that each item binds (or fails to) on its own.
        var list = await _api.ListClusterCustomObjectsAsync(_group, _version, _plural, continueToken, _labelSelector, limit, cancellationToken).ConfigureAwait(false);
        var items = new List<T>();
        var unreadable = new List<UnreadableObject>();
        if (list?["items"] is JsonArray array)
        {
            foreach (var node in array)
            {
                if (node is not JsonObject item)
                {
                    unreadable.Add(UnreadableObject.From(node, string.Empty, "expected an object"));
                    continue;
                }

                var (obj, bad) = Read(item);
                if (obj is not null)
                {
                    items.Add(obj);
                }
                else
                {
                    unreadable.Add(bad!);
                }
            }
        }

        var metadata = list?["metadata"] as JsonObject;
        return new ListPage<T>(items, StringAt(metadata, "resourceVersion"), StringAt(metadata, "continue"), unreadable);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WatchItem<T>> WatchAsync(string resourceVersion, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = _api.WatchClusterCustomObjectsAsync(_group, _version, _plural, _labelSelector, resourceVersion, onError, cancellationToken);
        await foreach (var (type, node) in events.ConfigureAwait(false))
        {
            if (node is not JsonObject item)
            {
                yield return new WatchItem<T>(type, null, UnreadableObject.From(node, string.Empty, "expected an object"));
                continue;
            }

            var (read, bad) = Read(item);
            yield return new WatchItem<T>(type, read, bad);
        }
    }

    /// <summary>Binds one object, or says which field kept it from binding.</summary>
    private (T? Object, UnreadableObject? Unreadable) Read(JsonObject item)
    {
        // Items of a list may leave out what the list says for all of them.
        if (!item.ContainsKey("apiVersion"))
        {
            item["apiVersion"] = _group + "/" + _version;
        }

        if (!item.ContainsKey("kind") && EntityKind is not null)
        {
            item["kind"] = EntityKind;
        }

        try
        {
            return (_read(item), null);
        }
        catch (ImagePrePullJobFormatException e)
        {
            var prefix = e.FieldPath + ": ";
            var problem = e.FieldPath.Length > 0 && e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
            return (null, UnreadableObject.From(item, e.FieldPath, problem));
        }
        catch (JsonException e)
        {
            // Not the job reader: System.Text.Json's path ($.spec.x) names the field; its message names .NET types only.
            var path = e.Path is null or "$" ? string.Empty : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path.TrimStart('$');
            return (null, UnreadableObject.From(item, path, "the value does not have the expected type"));
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException or NotSupportedException or ArgumentException)
        {
            // A converter that throws its own exception (e.g. a time that does not parse) names no path; its message
            // may quote the value, so only its type is kept.
            return (null, UnreadableObject.From(item, string.Empty, "a value could not be read (" + e.GetType().Name + ")"));
        }
    }

    private static string? StringAt(JsonObject? obj, string name) =>
        obj is not null && obj.TryGetPropertyValue(name, out var value) && value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

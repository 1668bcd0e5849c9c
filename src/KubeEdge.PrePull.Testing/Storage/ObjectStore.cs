using System.Globalization;
using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Resources;

namespace KubeEdge.PrePull.Testing.Storage;

/// <summary>
/// The server's single store: every object as JSON, resourceVersions from one global counter, a bounded event
/// history per resource and live watch feeds. One lock orders the writes (operations are short and CPU-only); gets
/// and lists read an immutable <see cref="StoreSnapshot"/> that each write replaces, so readers never wait for
/// writers (docs/design.md §3 "Lock-free reads").
/// </summary>
internal sealed partial class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ResourceBucket> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly WatchHistoryPolicy _history;
    private readonly string _namespacesKey;
    private long _resourceVersion;
    private StoreSnapshot _snapshot = StoreSnapshot.Empty;

    /// <summary>Creates an empty store.</summary>
    /// <param name="time">Clock for creation and deletion timestamps.</param>
    /// <param name="history">How long events are kept for watches.</param>
    /// <param name="namespaces">The namespaces resource, to check that namespaced objects have one.</param>
    public ObjectStore(TimeProvider time, WatchHistoryPolicy history, ResourceType namespaces)
    {
        _time = time;
        _history = history;
        _namespacesKey = namespaces.StorageKey;
    }

    /// <summary>Whether custom resources are checked against their schema (see <c>SchemaValidator</c>).</summary>
    public bool ValidateCustomResources { get; init; } = true;

    /// <summary>The latest resourceVersion handed out.</summary>
    public long CurrentResourceVersion => Volatile.Read(ref _snapshot).ResourceVersion;

    /// <summary>Reads one object.</summary>
    /// <param name="type">Its resource.</param>
    /// <param name="ns">Its namespace.</param>
    /// <param name="name">Its name.</param>
    /// <returns>The stored object (do not modify).</returns>
    /// <exception cref="ApiException">404 when missing.</exception>
    public JsonObject Get(ResourceType type, string? ns, string name) =>
        Volatile.Read(ref _snapshot).Objects.GetValueOrDefault(type.StorageKey)?.GetValueOrDefault(ResourceBucket.Key(ns, name))
            ?? throw ApiException.NotFound(type.QualifiedPlural, name);

    /// <summary>Lists objects, one page at a time.</summary>
    /// <param name="type">The resource.</param>
    /// <param name="ns">Namespace, or <see langword="null"/> for all.</param>
    /// <param name="filter">Selector filter, or <see langword="null"/>.</param>
    /// <param name="limit">Page size; 0 for everything.</param>
    /// <param name="continueToken">Token from the previous page.</param>
    /// <returns>The page.</returns>
    public ListPage List(ResourceType type, string? ns, Func<JsonObject, bool>? filter, int limit, string? continueToken)
    {
        var token = string.IsNullOrEmpty(continueToken) ? null : ContinueToken.Decode(continueToken);
        var snapshot = Volatile.Read(ref _snapshot);
        var listVersion = token?.ResourceVersion ?? snapshot.ResourceVersion;
        var prefix = ns is null ? null : ns + "/";
        var afterKey = token?.LastKey;
        var items = new List<JsonObject>();
        string? lastKey = null;
        var more = false;
        long remaining = 0;
        foreach (var (key, obj) in snapshot.Objects.GetValueOrDefault(type.StorageKey, ResourceBucket.NoObjects))
        {
            if ((afterKey is not null && string.CompareOrdinal(key, afterKey) <= 0)
                || (prefix is not null && !key.StartsWith(prefix, StringComparison.Ordinal))
                || (filter is not null && !filter(obj)))
            {
                continue;
            }

            if (limit > 0 && items.Count == limit)
            {
                more = true;
                remaining++;
                if (filter is not null)
                {
                    break;
                }

                continue;
            }

            items.Add(obj);
            lastKey = key;
        }

        var next = more ? new ContinueToken(listVersion, lastKey!).Encode() : null;
        return new ListPage(items, listVersion, next, more && filter is null ? remaining : null);
    }

    /// <summary>Creates an object.</summary>
    /// <param name="type">Its resource.</param>
    /// <param name="ns">Namespace from the URL.</param>
    /// <param name="obj">The object (the store takes ownership).</param>
    /// <param name="validate">Whether a custom resource is checked against its schema (when the store does so at all).</param>
    /// <returns>The stored object.</returns>
    /// <exception cref="ApiException">409 when the name is taken, 404 when the namespace is missing, 422/400 for bad input.</exception>
    public JsonObject Create(ResourceType type, string? ns, JsonObject obj, bool validate = true)
    {
        lock (_gate)
        {
            ObjectLifecycle.PrepareCreate(type, obj, type.Namespaced ? ns : null, _time.GetUtcNow());
            var name = (string)obj["metadata"]!["name"]!;
            if (validate)
            {
                CheckSchema(type, name, obj, old: null, statusOnly: false);
            }

            if (type.Namespaced && !_buckets.GetValueOrDefault(_namespacesKey)?.Objects.ContainsKey(ResourceBucket.Key(null, ns!)) is true)
            {
                throw ApiException.NotFound("namespaces", ns!);
            }

            var bucket = Bucket(type);
            var key = ResourceBucket.Key(type.Namespaced ? ns : null, name);
            if (bucket.Objects.ContainsKey(key))
            {
                throw ApiException.AlreadyExists(type.QualifiedPlural, name);
            }

            return Commit(bucket, key, StoredEvent.Added, obj, previous: null);
        }
    }

    /// <summary>Replaces an object (PUT), honouring its resourceVersion as a precondition.</summary>
    /// <param name="type">Its resource.</param>
    /// <param name="ns">Its namespace.</param>
    /// <param name="name">Its name.</param>
    /// <param name="incoming">The new object.</param>
    /// <param name="statusOnly">Whether this is a <c>/status</c> write.</param>
    /// <returns>The stored object.</returns>
    /// <exception cref="ApiException">404 when missing, 409 on a stale resourceVersion.</exception>
    public JsonObject Update(ResourceType type, string? ns, string name, JsonObject incoming, bool statusOnly) =>
        Patch(type, ns, name, _ => incoming, statusOnly);

    /// <summary>Changes an object atomically: <paramref name="change"/> maps the current object to the new one.</summary>
    /// <param name="type">Its resource.</param>
    /// <param name="ns">Its namespace.</param>
    /// <param name="name">Its name.</param>
    /// <param name="change">Builds the requested object from a private copy of the current one.</param>
    /// <param name="statusOnly">Whether this is a <c>/status</c> write.</param>
    /// <returns>The stored object.</returns>
    /// <exception cref="ApiException">404 when missing, 409 when the result names a stale resourceVersion.</exception>
    public JsonObject Patch(ResourceType type, string? ns, string name, Func<JsonObject, JsonObject> change, bool statusOnly)
    {
        lock (_gate)
        {
            var bucket = Bucket(type);
            var key = ResourceBucket.Key(type.Namespaced ? ns : null, name);
            var current = bucket.Objects.GetValueOrDefault(key) ?? throw ApiException.NotFound(type.QualifiedPlural, name);
            var requested = change((JsonObject)current.DeepClone());
            var wantedVersion = (string?)requested["metadata"]?["resourceVersion"];
            if (!string.IsNullOrEmpty(wantedVersion) && wantedVersion != (string?)current["metadata"]!["resourceVersion"])
            {
                throw ApiException.Conflict(type.QualifiedPlural, name);
            }

            var updated = ObjectLifecycle.PrepareUpdate(type, current, requested, statusOnly);
            CheckSchema(type, name, updated, current, statusOnly);
            updated["metadata"]!["resourceVersion"] = current["metadata"]!["resourceVersion"]?.DeepClone();
            if (JsonEquality.Same(updated, current))
            {
                // A write that changes nothing is no change: same resourceVersion, no event (as kube-apiserver).
                return current;
            }

            if (current["metadata"]!["deletionTimestamp"] is not null && !ObjectLifecycle.HasFinalizers(updated))
            {
                return Commit(bucket, key, StoredEvent.Deleted, updated, current);
            }

            return Commit(bucket, key, StoredEvent.Modified, updated, current);
        }
    }

    /// <summary>Deletes an object: at once when it has no finalizers, else marks it with a deletionTimestamp.</summary>
    /// <param name="type">Its resource.</param>
    /// <param name="ns">Its namespace.</param>
    /// <param name="name">Its name.</param>
    /// <param name="preconditionUid">Required uid, if any.</param>
    /// <param name="preconditionVersion">Required resourceVersion, if any.</param>
    /// <returns>The deleted (or marked) object.</returns>
    /// <exception cref="ApiException">404 when missing, 409 when a precondition fails.</exception>
    public JsonObject Delete(ResourceType type, string? ns, string name, string? preconditionUid = null, string? preconditionVersion = null)
    {
        lock (_gate)
        {
            var bucket = Bucket(type);
            var key = ResourceBucket.Key(type.Namespaced ? ns : null, name);
            var current = bucket.Objects.GetValueOrDefault(key) ?? throw ApiException.NotFound(type.QualifiedPlural, name);
            var meta = current["metadata"]!;
            if (preconditionUid is not null && preconditionUid != (string?)meta["uid"])
            {
                throw ApiException.Conflict(type.QualifiedPlural, name, $"Precondition failed: UID in precondition: {preconditionUid}, UID in object meta: {meta["uid"]}");
            }

            if (preconditionVersion is not null && preconditionVersion != (string?)meta["resourceVersion"])
            {
                throw ApiException.Conflict(type.QualifiedPlural, name, $"Precondition failed: ResourceVersion in precondition: {preconditionVersion}, ResourceVersion in object meta: {meta["resourceVersion"]}");
            }

            if (ObjectLifecycle.HasFinalizers(current))
            {
                if (meta["deletionTimestamp"] is not null)
                {
                    return current;
                }

                var marked = (JsonObject)current.DeepClone();
                marked["metadata"]!["deletionTimestamp"] = ObjectLifecycle.Timestamp(_time.GetUtcNow());
                marked["metadata"]!["deletionGracePeriodSeconds"] = 0L;
                return Commit(bucket, key, StoredEvent.Modified, marked, current);
            }

            if (type.StorageKey == _namespacesKey)
            {
                RemoveNamespaceContents(name);
            }

            return Commit(bucket, key, StoredEvent.Deleted, (JsonObject)current.DeepClone(), current);
        }
    }

    // docs/design.md §3: custom resources are checked against the served version's structural schema.
    private void CheckSchema(ResourceType type, string name, JsonObject obj, JsonObject? old, bool statusOnly)
    {
        if (!ValidateCustomResources || type.Schema is null)
        {
            return;
        }

        var scope = statusOnly ? SchemaScope.StatusOnly : type.HasStatusSubresource ? SchemaScope.AllButStatus : SchemaScope.All;
        var errors = SchemaValidator.Validate(type.Schema, obj, old, scope);
        if (errors.Count > 0)
        {
            throw ApiException.Invalid(type, name, errors);
        }
    }

    private JsonObject Commit(ResourceBucket bucket, string key, string eventType, JsonObject obj, JsonObject? previous)
    {
        var version = ++_resourceVersion;
        obj["metadata"]!["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
        var change = new StoredEvent(eventType, version, obj, previous, _time.GetUtcNow());
        bucket.Put(key, change);

        // Readers see the change before any watch does, so a client reacting to an event reads at least that state.
        Volatile.Write(ref _snapshot, new StoreSnapshot(_snapshot.Objects.SetItem(bucket.StorageKey, bucket.Objects), version));
        bucket.Publish(change);
        return obj;
    }

    private void RemoveNamespaceContents(string ns)
    {
        var prefix = ns + "/";
        foreach (var bucket in _buckets.Values)
        {
            foreach (var (key, obj) in bucket.Objects.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToArray())
            {
                Commit(bucket, key, StoredEvent.Deleted, (JsonObject)obj.DeepClone(), obj);
            }
        }
    }

    private ResourceBucket Bucket(ResourceType type)
    {
        if (!_buckets.TryGetValue(type.StorageKey, out var bucket))
        {
            bucket = new ResourceBucket(type.StorageKey, _history);
            _buckets[type.StorageKey] = bucket;
        }

        return bucket;
    }
}

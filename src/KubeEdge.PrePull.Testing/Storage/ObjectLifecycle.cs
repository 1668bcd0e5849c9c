using System.Globalization;
using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Resources;

namespace KubeEdge.PrePull.Testing.Storage;

/// <summary>
/// The metadata rules kube-apiserver applies on create and update: names and generateName, uid,
/// creationTimestamp, generation, immutable fields, and the status subresource split.
/// </summary>
internal static class ObjectLifecycle
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Fills server-owned metadata of a new object (mutates <paramref name="obj"/>, a private copy).</summary>
    /// <param name="type">Its resource.</param>
    /// <param name="obj">The object from the request.</param>
    /// <param name="ns">Namespace from the URL.</param>
    /// <param name="now">Creation time.</param>
    /// <exception cref="ApiException">When the name is missing or invalid, or the namespace disagrees with the URL.</exception>
    public static void PrepareCreate(ResourceType type, JsonObject obj, string? ns, DateTimeOffset now)
    {
        CheckTypeMeta(type, obj);
        var meta = Metadata(obj);
        var name = (string?)meta["name"];
        if (string.IsNullOrEmpty(name))
        {
            var generateName = (string?)meta["generateName"];
            if (string.IsNullOrEmpty(generateName))
            {
                throw ApiException.Invalid(type.Kind, string.Empty, "metadata.name", "Required value: name or generateName is required");
            }

            name = generateName + RandomSuffix();
            meta["name"] = name;
        }

        CheckName(type, name);
        if (type.Namespaced)
        {
            var bodyNs = (string?)meta["namespace"];
            if (!string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
            {
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            meta["namespace"] = ns;
        }
        else
        {
            meta.Remove("namespace");
        }

        SchemaDefaulter.Apply(type.Schema, obj);
        FoldStringData(type, obj);
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Timestamp(now);
        meta["generation"] = 1L;
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        meta.Remove("resourceVersion");
        if (type.ResetsStatusOnCreate)
        {
            obj.Remove("status");
            if (type.Kind == "Pod")
            {
                obj["status"] = new JsonObject { ["phase"] = "Pending" };
            }
        }

        if (type.Kind == "Secret" && string.IsNullOrEmpty((string?)obj["type"]))
        {
            // kube-apiserver's defaulting (kubectl create secret generic sends an empty type).
            obj["type"] = "Opaque";
        }

        if (type.Kind == "Namespace")
        {
            // kube-apiserver's namespace strategy: a new namespace is Active (kubectl get namespaces prints it).
            obj["status"] = new JsonObject { ["phase"] = "Active" };
        }
    }

    /// <summary>Builds the stored object of an update from the current one and the request's.</summary>
    /// <param name="type">Its resource.</param>
    /// <param name="current">The stored object.</param>
    /// <param name="incoming">The request's object (not modified).</param>
    /// <param name="statusOnly">Whether this is a <c>/status</c> write: only <c>.status</c> is taken.</param>
    /// <returns>The new object, resourceVersion still to be set.</returns>
    /// <exception cref="ApiException">When the kind or name disagrees with the stored object.</exception>
    public static JsonObject PrepareUpdate(ResourceType type, JsonObject current, JsonObject incoming, bool statusOnly)
    {
        CheckTypeMeta(type, incoming);
        var currentMeta = Metadata(current);
        var name = (string?)currentMeta["name"];
        var incomingName = (string?)incoming["metadata"]?["name"];
        if (!string.IsNullOrEmpty(incomingName) && incomingName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({incomingName}) does not match the name on the URL ({name})");
        }

        JsonObject result;
        if (statusOnly)
        {
            result = (JsonObject)current.DeepClone();
            SetOrRemove(result, "status", incoming["status"]);
            SchemaDefaulter.Apply(type.Schema, result);
            return result;
        }

        result = (JsonObject)incoming.DeepClone();
        result["apiVersion"] = current["apiVersion"]?.DeepClone();
        result["kind"] = type.Kind;
        if (type.HasStatusSubresource)
        {
            SetOrRemove(result, "status", current["status"]);
        }

        var meta = Metadata(result);
        foreach (var field in (string[])["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generateName"])
        {
            SetOrRemove(meta, field, currentMeta[field]);
        }

        SchemaDefaulter.Apply(type.Schema, result);
        FoldStringData(type, result);
        var generation = (long?)currentMeta["generation"] ?? 1;
        meta["generation"] = SpecChanged(current, result) ? generation + 1 : generation;
        return result;
    }

    /// <summary>
    /// A Secret's <c>stringData</c> is write-only, as in kube-apiserver: each entry is stored base64-encoded in
    /// <c>data</c> (winning over a <c>data</c> entry of the same key) and <c>stringData</c> is dropped.
    /// </summary>
    /// <param name="type">The resource.</param>
    /// <param name="obj">The object to store.</param>
    private static void FoldStringData(ResourceType type, JsonObject obj)
    {
        if (type.Kind != "Secret" || obj["stringData"] is not JsonObject strings)
        {
            return;
        }

        if (obj["data"] is not JsonObject data)
        {
            data = [];
            obj["data"] = data;
        }

        foreach (var (key, value) in strings)
        {
            data[key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes((string?)value ?? string.Empty));
        }

        obj.Remove("stringData");
    }

    /// <summary>The object's metadata, created when missing.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>Its metadata.</returns>
    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta)
        {
            return meta;
        }

        meta = [];
        obj["metadata"] = meta;
        return meta;
    }

    /// <summary>The finalizers of an object.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>Whether any finalizer remains.</returns>
    public static bool HasFinalizers(JsonObject obj) => obj["metadata"]?["finalizers"] is JsonArray { Count: > 0 };

    /// <summary>Formats a time like Kubernetes (RFC 3339, seconds, UTC).</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void CheckTypeMeta(ResourceType type, JsonObject obj)
    {
        var kind = (string?)obj["kind"];
        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw ApiException.BadRequest($"the kind of the object ({kind}) does not match the resource {type.QualifiedPlural} (kind {type.Kind})");
        }

        var apiVersion = (string?)obj["apiVersion"];
        var group = apiVersion is null || !apiVersion.Contains('/', StringComparison.Ordinal) ? string.Empty : apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)];
        if (!string.IsNullOrEmpty(apiVersion) && group != type.Group)
        {
            throw ApiException.BadRequest($"the API version of the object ({apiVersion}) does not match the resource {type.QualifiedPlural}");
        }

        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
    }

    private static void CheckName(ResourceType type, string name)
    {
        var valid = name.Length <= 253 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.')
            && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]);
        if (!valid)
        {
            throw ApiException.Invalid(type.Kind, name, "metadata.name", $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
        }
    }

    private static bool SpecChanged(JsonObject before, JsonObject after)
    {
        foreach (var (key, value) in after)
        {
            if (key is "metadata" or "status" or "apiVersion" or "kind")
            {
                continue;
            }

            if (!JsonNode.DeepEquals(value, before[key]))
            {
                return true;
            }
        }

        return before.Any(p => p.Key is not ("metadata" or "status" or "apiVersion" or "kind") && !after.ContainsKey(p.Key));
    }

    private static void SetOrRemove(JsonObject target, string field, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(field);
        }
        else
        {
            target[field] = value.DeepClone();
        }
    }

    private static string RandomSuffix()
    {
        Span<char> chars = stackalloc char[5];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)];
        }

        return new string(chars);
    }
}

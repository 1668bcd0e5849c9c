using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Faults;
using KubeEdge.PrePull.Testing.Patching;
using KubeEdge.PrePull.Testing.Protobuf;
using KubeEdge.PrePull.Testing.Resources;
using KubeEdge.PrePull.Testing.Selectors;
using KubeEdge.PrePull.Testing.Storage;
using KubeEdge.PrePull.Testing.Tables;
using KubeEdge.PrePull.Testing.Watching;
using Microsoft.AspNetCore.Http;

namespace KubeEdge.PrePull.Testing.Routing;

/// <summary>Serves the verbs of one resource request against the store.</summary>
internal sealed class ResourceHandler
{
    private readonly ObjectStore _store;
    private readonly WatchStreamer _watches;
    private readonly TableBuilder _tables;

    /// <summary>Creates the handler.</summary>
    /// <param name="store">The store.</param>
    /// <param name="watches">Watch streaming.</param>
    /// <param name="tables">Table printing.</param>
    public ResourceHandler(ObjectStore store, WatchStreamer watches, TableBuilder tables)
    {
        _store = store;
        _watches = watches;
        _tables = tables;
    }

    /// <summary>Serves one request.</summary>
    /// <param name="context">The HTTP request.</param>
    /// <param name="target">What it addresses.</param>
    /// <param name="verb">The Kubernetes verb.</param>
    /// <param name="fault">A watch fault to apply, if any.</param>
    /// <returns>A task.</returns>
    /// <exception cref="ApiException">For every API error.</exception>
    public async Task HandleAsync(HttpContext context, RequestTarget target, string verb, FaultRule? fault)
    {
        var type = target.Type;
        if (target.Subresource is not null && (target.Subresource != "status" || !type.HasStatusSubresource))
        {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }

        var statusOnly = target.Subresource == "status";
        var query = context.Request.Query;
        var ct = context.RequestAborted;
        switch (verb)
        {
            case "watch":
                var (labels, fields) = Selectors(context, type);
                var matches = labels.IsEmpty && fields.IsEmpty ? null : (Func<JsonObject, bool>)(obj => labels.Matches(obj) && fields.Matches(obj));
                var options = new WatchOptions(
                    // An injected Gone asks for a version older than anything retained, so the store expires it.
                    fault?.Kind == FaultKind.Gone ? -1
                        : long.TryParse(query["resourceVersion"], CultureInfo.InvariantCulture, out var from) ? from : null,
                    IsTrue(query["allowWatchBookmarks"]),
                    IsTrue(query["sendInitialEvents"]),
                    int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : null,
                    fault?.Kind == FaultKind.CloseWatch,
                    WantsTable(context),
                    WatchRoute.For(labels, fields));
                await _watches.StreamAsync(context.Response, type, target.Namespace, matches ?? (_ => true), options, ct).ConfigureAwait(false);
                return;
            case "list":
                var filter = Filter(context, type);
                var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) && l > 0 ? l : 0;
                var page = _store.List(type, target.Namespace, filter, limit, query["continue"]);
                if (WantsTable(context))
                {
                    await ResponseWriter.JsonAsync(context, 200, _tables.Build(type, page.Items, page.ResourceVersion, page.Continue)).ConfigureAwait(false);
                    return;
                }

                await ResponseWriter.ListAsync(context, type, page).ConfigureAwait(false);
                return;
            case "get":
                var found = _store.Get(type, target.Namespace, target.Name!);
                if (WantsTable(context))
                {
                    await ResponseWriter.JsonAsync(context, 200, _tables.Build(type, [found], _store.CurrentResourceVersion, null)).ConfigureAwait(false);
                    return;
                }

                await ResponseWriter.ObjectAsync(context, 200, type, found).ConfigureAwait(false);
                return;
            case "create":
                RequireNamespace(target);
                var created = _store.Create(type, target.Namespace, Prune(context, type, await ReadObjectAsync(context).ConfigureAwait(false)));
                await ResponseWriter.ObjectAsync(context, 201, type, created).ConfigureAwait(false);
                return;
            case "update":
                var incoming = Prune(context, type, await ReadObjectAsync(context).ConfigureAwait(false));
                var updated = _store.Update(type, target.Namespace, target.Name!, incoming, statusOnly);
                await ResponseWriter.ObjectAsync(context, 200, type, updated).ConfigureAwait(false);
                return;
            case "patch":
                var kind = PatchApplier.KindOf(context.Request.ContentType, type);
                var patch = await ReadJsonAsync(context).ConfigureAwait(false);
                var patched = _store.Patch(type, target.Namespace, target.Name!, current => Prune(context, type, PatchApplier.Apply(kind, current, patch)), statusOnly);
                await ResponseWriter.ObjectAsync(context, 200, type, patched).ConfigureAwait(false);
                return;
            case "delete":
                var deleteOptions = await ReadJsonAsync(context, optional: true).ConfigureAwait(false);
                var preconditions = deleteOptions?["preconditions"];
                var deleted = _store.Delete(type, target.Namespace, target.Name!, (string?)preconditions?["uid"], (string?)preconditions?["resourceVersion"]);
                await ResponseWriter.ObjectAsync(context, 200, type, deleted).ConfigureAwait(false);
                return;
            case "deletecollection":
                var all = _store.List(type, target.Namespace, Filter(context, type), 0, null);
                var removed = all.Items.Select(o => _store.Delete(type, (string?)o["metadata"]!["namespace"], (string)o["metadata"]!["name"]!)).ToArray();
                await ResponseWriter.ListAsync(context, type, new ListPage(removed, _store.CurrentResourceVersion, null, null)).ConfigureAwait(false);
                return;
            default:
                throw new ApiException(405, "MethodNotAllowed", $"the verb \"{verb}\" is not supported");
        }
    }

    private static Func<JsonObject, bool>? Filter(HttpContext context, Resources.ResourceType type)
    {
        var (labels, fields) = Selectors(context, type);
        return labels.IsEmpty && fields.IsEmpty ? null : obj => labels.Matches(obj) && fields.Matches(obj);
    }

    private static (LabelSelector Labels, FieldSelector Fields) Selectors(HttpContext context, Resources.ResourceType type) =>
        (LabelSelector.Parse(context.Request.Query["labelSelector"]), FieldSelector.Parse(context.Request.Query["fieldSelector"], type));

    // Custom resources lose undeclared fields like on kube-apiserver: refused with fieldValidation=Strict, else a warning.
    private static JsonObject Prune(HttpContext context, Resources.ResourceType type, JsonObject obj)
    {
        if (type.Schema is null)
        {
            return obj;
        }

        var pruned = SchemaPruner.Prune(type.Schema, obj);
        if (pruned.Count == 0)
        {
            return obj;
        }

        if (context.Request.Query["fieldValidation"] == "Strict")
        {
            throw ApiException.BadRequest(string.Join(", ", pruned.Select(p => $"strict decoding error: unknown field \"{p}\"")));
        }

        if (context.Request.Query["fieldValidation"] != "Ignore")
        {
            context.Response.Headers.Append("Warning", pruned.Select(p => $"299 - \"unknown field \\\"{p}\\\"\"").ToArray());
        }

        return obj;
    }

    private static bool WantsTable(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    private static bool IsTrue(string? value) => value is "true" or "1";

    private static void RequireNamespace(RequestTarget target)
    {
        if (target.Type.Namespaced && target.Namespace is null)
        {
            throw new ApiException(404, "NotFound", $"the server could not find the requested resource: {target.Type.Plural} are namespaced");
        }
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        if (KubernetesProtobuf.Is(context.Request.ContentType))
        {
            // kubectl's typed clients (create namespace, create secret) send protobuf for built-in kinds.
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            return KubernetesProtobuf.Decode(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }

        return await ReadJsonAsync(context).ConfigureAwait(false) as JsonObject
            ?? throw ApiException.BadRequest("the request body must be a JSON object");
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpContext context, bool optional = false)
    {
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            if (optional && string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the request body is not valid JSON: {e.Message}");
        }
    }
}

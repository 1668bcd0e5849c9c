using KubeEdge.PrePull.Testing.Discovery;
using KubeEdge.PrePull.Testing.Faults;
using KubeEdge.PrePull.Testing.Resources;
using KubeEdge.PrePull.Testing.Storage;
using Microsoft.AspNetCore.Http;

namespace KubeEdge.PrePull.Testing.Routing;

/// <summary>The server's one HTTP entry point: discovery, OpenAPI, faults, then the resource handler.</summary>
internal sealed class ApiDispatcher
{
    private readonly ResourceCatalog _catalog;
    private readonly DiscoveryDocuments _discovery;
    private readonly OpenApiDocuments _openApi;
    private readonly FaultInjector _faults;
    private readonly ResourceHandler _resources;
    private readonly TimeProvider _time;

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="catalog">Served types.</param>
    /// <param name="faults">Pending faults.</param>
    /// <param name="resources">Verb handling.</param>
    /// <param name="time">Clock for delay faults.</param>
    public ApiDispatcher(ResourceCatalog catalog, FaultInjector faults, ResourceHandler resources, TimeProvider time)
    {
        _catalog = catalog;
        _discovery = new DiscoveryDocuments(catalog);
        _openApi = new OpenApiDocuments(catalog);
        _faults = faults;
        _resources = resources;
        _time = time;
    }

    /// <summary>Serves one request.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task.</returns>
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await RouteAsync(context).ConfigureAwait(false);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await ResponseWriter.ErrorAsync(context, e).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            // A bug of this server must reach the test as a readable 500, not an empty reply.
            await ResponseWriter.ErrorAsync(context, new ApiException(500, "InternalError", $"Internal error occurred: {e.GetType().Name}: {e.Message}")).ConfigureAwait(false);
        }
    }

    private async Task RouteAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var document = segments switch
        {
            ["version"] => DiscoveryDocuments.Version(),
            ["healthz" or "livez" or "readyz"] => new System.Text.Json.Nodes.JsonObject { ["status"] = "ok" },
            ["api"] => DiscoveryDocuments.CoreVersions(context.Request.Host.Value ?? "127.0.0.1"),
            ["apis"] => _discovery.Groups(),
            ["api", var version] => _discovery.Resources(string.Empty, version),
            ["apis", var group] => _discovery.Group(group),
            ["apis", var group, var version] => _discovery.Resources(group, version),
            ["openapi", "v3"] => _openApi.Index(),
            ["openapi", "v3", .. var rest] => _openApi.GroupVersion(string.Join('/', rest)),
            ["api", _, _, ..] or ["apis", _, _, _, ..] => null,
            _ => throw NotFound(),
        };
        if (document is not null)
        {
            await ResponseWriter.JsonAsync(context, 200, document).ConfigureAwait(false);
            return;
        }

        if (segments is not (["api", _, _, ..] or ["apis", _, _, _, ..]))
        {
            throw NotFound();
        }

        var core = segments[0] == "api";
        var target = RequestTarget.Parse(_catalog, core ? string.Empty : segments[1], core ? segments[1] : segments[2], segments[(core ? 2 : 3)..])
            ?? throw NotFound();
        var verb = Verb(context, target);
        var fault = _faults.TryTake(target.Type.Plural, target.Subresource, verb);
        switch (fault?.Kind)
        {
            case FaultKind.Delay:
                await Task.Delay(fault.Delay, _time, context.RequestAborted).ConfigureAwait(false);
                break;
            case FaultKind.Conflict:
                throw ApiException.Conflict(target.Type.QualifiedPlural, target.Name ?? string.Empty, "injected conflict");
            case FaultKind.InternalError:
                throw new ApiException(500, "InternalError", "Internal error occurred: injected fault");
            case FaultKind.Gone when verb == "watch":
                break; // The watch itself answers with an ERROR event, as kube-apiserver does.
            case FaultKind.Gone:
                throw ApiException.Expired("The provided continue parameter is too old to display a consistent list result (injected fault)");
        }

        await _resources.HandleAsync(context, target, verb, fault).ConfigureAwait(false);
    }

    private static string Verb(HttpContext context, RequestTarget target)
    {
        var method = context.Request.Method;
        var watch = target.WatchPath || context.Request.Query["watch"] is ["true" or "1"];
        return method switch
        {
            "GET" when target.Name is null => watch ? "watch" : "list",
            "GET" => "get",
            "POST" when target.Name is null => "create",
            "PUT" when target.Name is not null => "update",
            "PATCH" when target.Name is not null => "patch",
            "DELETE" when target.Name is null => "deletecollection",
            "DELETE" => "delete",
            _ => throw new ApiException(405, "MethodNotAllowed", $"{method} is not allowed on {context.Request.Path}"),
        };
    }

    private static ApiException NotFound() => new(404, "NotFound", "the server could not find the requested resource");
}
